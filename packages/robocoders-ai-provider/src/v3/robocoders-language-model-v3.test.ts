import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import {
  APICallError,
  InvalidArgumentError,
  type LanguageModelV3CallOptions,
  type LanguageModelV3StreamPart,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider-v3';
import {
  AGENT_STEP_REASONING,
  agentStepEvents,
  createFakeRobocoders,
  type FakeReply,
  messageEvent,
  ndjson,
} from '../../test/test-utils/fake-robocoders';
import { createRobocoders } from './robocoders-provider-v3';

const caught = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => undefined,
    (error: unknown) => error,
  );

function callOptions(
  overrides: Partial<LanguageModelV3CallOptions> = {},
): LanguageModelV3CallOptions {
  return { prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }], ...overrides };
}

/** A turn with a planning message, one command and its output, and a final waiting message. */
const workingTurn = (): FakeReply => ({
  chunks: [
    ndjson(
      messageEvent(1, 'On it.'),
      {
        id: 2,
        source: 'agent',
        message: 'Running command: ls',
        action: 'run',
        args: { command: 'ls', thought: 'Check files.' },
      },
      {
        id: 3,
        source: 'agent',
        message: 'Command `ls` executed with exit code 0.',
        observation: 'run',
        cause: 2,
        content: 'a.py',
        extras: { command: 'ls', exit_code: 0 },
      },
      messageEvent(4, 'All good.', true),
    ),
  ],
});

function setup(chat?: (index: number) => FakeReply) {
  const fake = createFakeRobocoders({ chat: chat ? (_, index) => chat(index) : undefined });
  const provider = createRobocoders({
    baseURL: 'http://robocoders.test',
    fetch: fake.fetch,
    maxContinuations: 0,
  });
  return { fake, model: provider('GeneralCodingAgent') };
}

const metadata = {
  sessionId: 'sid-1',
  agent: 'GeneralCodingAgent',
  continuations: 0,
  awaitingInput: true,
  skippedLines: 0,
  lastEventId: 4,
  rawFinishReason: 'awaiting_user_input',
};

// Every text, reasoning and tool part names its session, for the next call to resume.
const partMetadata = { robocoders: { sessionId: 'sid-1', agent: 'GeneralCodingAgent' } };

const noUsage = {
  inputTokens: {
    total: undefined,
    noCache: undefined,
    cacheRead: undefined,
    cacheWrite: undefined,
  },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
};

describe('RobocodersChatLanguageModelV3', () => {
  it('describes itself as a V3 model that takes no URLs', () => {
    const { model } = setup();
    expect(model).toMatchObject({
      specificationVersion: 'v3',
      provider: 'robocoders.chat',
      modelId: 'GeneralCodingAgent',
      supportedUrls: {},
    });
  });

  describe('doStream', () => {
    it('streams blocks with ids and the agent step as a provider-executed dynamic tool', async () => {
      const { model } = setup(workingTurn);
      const result = await model.doStream(callOptions());
      const parts = await convertReadableStreamToArray(result.stream);
      expect(parts).toEqual([
        { type: 'stream-start', warnings: [] },
        {
          type: 'response-metadata',
          id: 'sid-1',
          timestamp: expect.any(Date),
          modelId: 'GeneralCodingAgent',
        },
        { type: 'text-start', id: 'text-0', providerMetadata: partMetadata },
        { type: 'text-delta', id: 'text-0', delta: 'On it.' },
        { type: 'text-end', id: 'text-0', providerMetadata: partMetadata },
        { type: 'reasoning-start', id: 'reasoning-1', providerMetadata: partMetadata },
        { type: 'reasoning-delta', id: 'reasoning-1', delta: 'Check files.' },
        { type: 'reasoning-end', id: 'reasoning-1', providerMetadata: partMetadata },
        {
          type: 'tool-input-start',
          id: 'sid-1-2',
          toolName: 'run',
          providerExecuted: true,
          dynamic: true,
        },
        { type: 'tool-input-delta', id: 'sid-1-2', delta: '{"command":"ls"}' },
        { type: 'tool-input-end', id: 'sid-1-2' },
        {
          type: 'tool-call',
          toolCallId: 'sid-1-2',
          toolName: 'run',
          input: '{"command":"ls"}',
          providerExecuted: true,
          dynamic: true,
          providerMetadata: partMetadata,
        },
        {
          type: 'tool-result',
          toolCallId: 'sid-1-2',
          toolName: 'run',
          result: { observation: 'run', content: 'a.py', extras: { command: 'ls', exit_code: 0 } },
          isError: false,
          dynamic: true,
          providerMetadata: partMetadata,
        },
        // The step's own messages are in the tool parts, not repeated in the text.
        { type: 'text-start', id: 'text-2', providerMetadata: partMetadata },
        { type: 'text-delta', id: 'text-2', delta: 'All good.' },
        { type: 'text-end', id: 'text-2', providerMetadata: partMetadata },
        {
          type: 'finish',
          finishReason: { unified: 'stop', raw: 'awaiting_user_input' },
          usage: noUsage,
          providerMetadata: { robocoders: metadata },
        },
      ] satisfies LanguageModelV3StreamPart[]);
      expect(result.request?.body).toEqual({
        sid: 'sid-1',
        prompt: 'Hello',
        agent: 'GeneralCodingAgent',
      });
      expect(result.response?.headers?.['content-type']).toBe('application/x-ndjson');
    });

    it('shows every step as a tool by default; thoughts are blocks of their own', async () => {
      const { model } = setup(() => ({ chunks: [ndjson(...agentStepEvents())] }));
      const parts = await convertReadableStreamToArray(
        (await model.doStream(callOptions())).stream,
      );
      expect(
        parts.filter((part) => part.type === 'tool-call').map((part) => part.toolName),
      ).toEqual(['delegate', 'run_ipython', 'run']);
      // A reasoning block does not start with the blank line the core puts between thoughts.
      const blocks = parts.flatMap((part) => (part.type === 'reasoning-delta' ? [part.delta] : []));
      expect(blocks).toEqual(['Plan first.', 'Write the file.', 'Check it.']);
      expect(parts.filter((part) => part.type === 'reasoning-start')).toHaveLength(3);
      const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
      expect(text).toEqual(['notes.md is written.']);
    });

    it("puts the steps in the text or the reasoning with agentSteps 'text' or 'reasoning'", async () => {
      const { model } = setup(() => ({ chunks: [ndjson(...agentStepEvents())] }));
      const streamParts = async (agentSteps: 'text' | 'reasoning') =>
        convertReadableStreamToArray(
          (await model.doStream(callOptions({ providerOptions: { robocoders: { agentSteps } } })))
            .stream,
        );
      const joined = (parts: LanguageModelV3StreamPart[], type: 'text-delta' | 'reasoning-delta') =>
        parts.map((part) => (part.type === type ? part.delta : '')).join('');
      const asReasoning = await streamParts('reasoning');
      // An app that renders no tool parts still shows the work.
      expect(asReasoning.some((part) => part.type.startsWith('tool-'))).toBe(false);
      expect(joined(asReasoning, 'reasoning-delta')).toBe(AGENT_STEP_REASONING.join('\n\n'));
      expect(joined(asReasoning, 'text-delta')).toBe('notes.md is written.');
      const asText = await streamParts('text');
      expect(asText.some((part) => part.type.startsWith('tool-'))).toBe(false);
      expect(joined(asText, 'text-delta')).toContain('Running command: cat notes.md');
      expect(joined(asText, 'text-delta')).toContain('notes.md is written.');
    });

    it('adds raw events only with includeRawChunks', async () => {
      const { model } = setup(workingTurn);
      const withRaw = await convertReadableStreamToArray(
        (await model.doStream(callOptions({ includeRawChunks: true }))).stream,
      );
      const raw = withRaw.filter((part) => part.type === 'raw');
      expect(raw.map((part) => (part.rawValue as { id: number }).id)).toEqual([1, 2, 3, 4]);
      const without = await convertReadableStreamToArray(
        (await model.doStream(callOptions())).stream,
      );
      expect(without.some((part) => part.type === 'raw')).toBe(false);
    });

    it('reports a stream without a terminal event as other, keeping the raw reason', async () => {
      const { model } = setup(() => ({ chunks: [ndjson(messageEvent(1, 'Partial'))] }));
      const parts = await convertReadableStreamToArray(
        (await model.doStream(callOptions())).stream,
      );
      expect(parts.at(-1)).toMatchObject({
        type: 'finish',
        finishReason: { unified: 'other', raw: 'eof' },
      });
    });

    it('warns in V3 shape about settings, formats and tools it cannot honour', async () => {
      const { model } = setup();
      const result = await model.doStream(
        callOptions({
          temperature: 0.3,
          maxOutputTokens: 100,
          responseFormat: { type: 'json' },
          tools: [
            { type: 'function', name: 'weather', inputSchema: { type: 'object' } },
            { type: 'function', name: 'run', inputSchema: { type: 'object' } },
          ],
        }),
      );
      const [first] = await convertReadableStreamToArray(result.stream);
      expect(first).toEqual({
        type: 'stream-start',
        warnings: [
          { type: 'unsupported', feature: 'maxOutputTokens', details: expect.any(String) },
          { type: 'unsupported', feature: 'temperature', details: expect.any(String) },
          { type: 'unsupported', feature: 'responseFormat', details: expect.any(String) },
          // `run` is the agent's own tool: no warning.
          { type: 'unsupported', feature: 'tool "weather"', details: expect.any(String) },
        ],
      });
    });

    it('validates provider options and the prompt before any request', async () => {
      const { model, fake } = setup();
      const badOption = await caught(
        model.doStream(callOptions({ providerOptions: { robocoders: { sessionId: 'a b' } } })),
      );
      expect(InvalidArgumentError.isInstance(badOption)).toBe(true);
      const file = await caught(
        model.doStream(
          callOptions({
            prompt: [
              {
                role: 'user',
                content: [{ type: 'file', data: 'aGk=', mediaType: 'image/png' }],
              },
            ],
          }),
        ),
      );
      expect(UnsupportedFunctionalityError.isInstance(file)).toBe(true);
      expect(fake.calls).toEqual([]);
    });

    it('uses the session of providerOptions.robocoders and sends only the new turn', async () => {
      const { model, fake } = setup();
      await convertReadableStreamToArray(
        (
          await model.doStream(
            callOptions({
              prompt: [
                { role: 'user', content: [{ type: 'text', text: 'First' }] },
                { role: 'assistant', content: [{ type: 'text', text: 'Answer' }] },
                { role: 'user', content: [{ type: 'text', text: 'Second' }] },
              ],
              providerOptions: { robocoders: { sessionId: 'kept-1' } },
            }),
          )
        ).stream,
      );
      expect(fake.callsTo('/create-session')).toEqual([]);
      expect(fake.callsTo('/chat')[0].body).toEqual({
        sid: 'kept-1',
        prompt: 'Second',
        agent: 'GeneralCodingAgent',
      });
    });

    it('throws APICallError (recognised by the V3 package) before the stream', async () => {
      const { model } = setup(() => ({ status: 503, json: { detail: 'Overloaded' } }));
      const error = await caught(model.doStream(callOptions()));
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: 503, isRetryable: true });
      expect((error as Error).message).toContain('Overloaded');
    });
  });

  describe('doGenerate', () => {
    it('returns ordered content, V3 finish reason and usage, and the metadata', async () => {
      const { model } = setup(workingTurn);
      const result = await model.doGenerate(callOptions());
      expect(result.content).toEqual([
        { type: 'text', text: 'On it.', providerMetadata: partMetadata },
        { type: 'reasoning', text: 'Check files.', providerMetadata: partMetadata },
        {
          type: 'tool-call',
          toolCallId: 'sid-1-2',
          toolName: 'run',
          input: '{"command":"ls"}',
          providerExecuted: true,
          dynamic: true,
          providerMetadata: partMetadata,
        },
        {
          type: 'tool-result',
          toolCallId: 'sid-1-2',
          toolName: 'run',
          result: { observation: 'run', content: 'a.py', extras: { command: 'ls', exit_code: 0 } },
          isError: false,
          dynamic: true,
          providerMetadata: partMetadata,
        },
        { type: 'text', text: 'All good.', providerMetadata: partMetadata },
      ]);
      expect(result.finishReason).toEqual({ unified: 'stop', raw: 'awaiting_user_input' });
      expect(result.usage).toEqual(noUsage);
      expect(result.providerMetadata).toEqual({ robocoders: metadata });
      expect(result.warnings).toEqual([]);
      expect(result.response).toMatchObject({ id: 'sid-1', modelId: 'GeneralCodingAgent' });
    });

    it('throws the error of a broken stream instead of returning partial content', async () => {
      const { model } = setup(() => ({ chunks: [ndjson(messageEvent(1, 'Partial'))], end: 'cut' }));
      const error = await caught(model.doGenerate(callOptions()));
      expect(APICallError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/broke after 1 events/);
    });
  });
});
