import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import {
  APICallError,
  type LanguageModelV2CallOptions,
  type LanguageModelV2FunctionTool,
} from '@ai-sdk/provider-v2';
import {
  AGENT_STEP_REASONING,
  agentStepEvents,
  createFakeRobocoders,
  type FakeReply,
  messageEvent,
  ndjson,
} from '../../test/test-utils/fake-robocoders';
import { createRobocoders } from './robocoders-provider-v2';

const caught = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => undefined,
    (error: unknown) => error,
  );

function callOptions(
  overrides: Partial<LanguageModelV2CallOptions> = {},
): LanguageModelV2CallOptions {
  return { prompt: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }], ...overrides };
}

const tool = (name: string): LanguageModelV2FunctionTool => ({
  type: 'function',
  name,
  inputSchema: { type: 'object' },
});

/** A turn with one command and its output, then a final waiting message. */
const workingTurn = (): FakeReply => ({
  chunks: [
    ndjson(
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
        extras: { exit_code: 0 },
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

// Every text, reasoning and tool part names its session, for the next call to resume.
const partMetadata = { robocoders: { sessionId: 'sid-1', agent: 'GeneralCodingAgent' } };

const noUsage = { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined };

describe('RobocodersChatLanguageModelV2', () => {
  it('describes itself as a V2 model that takes no URLs', () => {
    const { model } = setup();
    expect(model).toMatchObject({
      specificationVersion: 'v2',
      provider: 'robocoders.chat',
      modelId: 'GeneralCodingAgent',
      supportedUrls: {},
    });
  });

  it('keeps steps in the text, as the V1 entry does, when the call declares no tools', async () => {
    const { model } = setup(workingTurn);
    const parts = await convertReadableStreamToArray((await model.doStream(callOptions())).stream);
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-end',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'finish',
    ]);
    const text = parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
    expect(text).toBe(
      'Running command: ls\n\nCommand `ls` executed with exit code 0.\n\nAll good.',
    );
    expect(parts.at(-1)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      usage: noUsage,
      providerMetadata: {
        robocoders: expect.objectContaining({
          sessionId: 'sid-1',
          awaitingInput: true,
          rawFinishReason: 'awaiting_user_input',
        }),
      },
    });
  });

  it('streams a declared agent tool as a provider-executed tool call and result', async () => {
    const { model } = setup(workingTurn);
    const result = await model.doStream(callOptions({ tools: [tool('run')] }));
    const parts = await convertReadableStreamToArray(result.stream);
    expect(parts[0]).toEqual({ type: 'stream-start', warnings: [] });
    expect(parts.filter((part) => part.type.startsWith('tool-'))).toEqual([
      { type: 'tool-input-start', id: 'sid-1-2', toolName: 'run', providerExecuted: true },
      { type: 'tool-input-delta', id: 'sid-1-2', delta: '{"command":"ls"}' },
      { type: 'tool-input-end', id: 'sid-1-2' },
      {
        type: 'tool-call',
        toolCallId: 'sid-1-2',
        toolName: 'run',
        input: '{"command":"ls"}',
        providerExecuted: true,
        providerMetadata: partMetadata,
      },
      {
        type: 'tool-result',
        toolCallId: 'sid-1-2',
        toolName: 'run',
        result: { observation: 'run', content: 'a.py', extras: { exit_code: 0 } },
        isError: false,
        providerExecuted: true,
        providerMetadata: partMetadata,
      },
    ]);
    const text = parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
    expect(text).toBe('All good.');
  });

  it("streams undeclared steps as reasoning with agentSteps 'reasoning', declared ones as tools", async () => {
    const { model } = setup(() => ({ chunks: [ndjson(...agentStepEvents())] }));
    const options = callOptions({
      tools: [tool('run')],
      providerOptions: { robocoders: { agentSteps: 'reasoning' } },
    });
    const parts = await convertReadableStreamToArray((await model.doStream(options)).stream);
    expect(parts.map((part) => part.type)).toEqual([
      'stream-start',
      'response-metadata',
      'reasoning-start',
      ...AGENT_STEP_REASONING.slice(0, 7).map(() => 'reasoning-delta'),
      'reasoning-end',
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'tool-result',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    const reasoning = parts.map((part) => (part.type === 'reasoning-delta' ? part.delta : ''));
    // The run step is a tool call: its command is not in the reasoning.
    expect(reasoning.join('')).toBe(AGENT_STEP_REASONING.slice(0, 7).join('\n\n'));
    const text = parts.map((part) => (part.type === 'text-delta' ? part.delta : '')).join('');
    expect(text).toBe('notes.md is written.');

    const generated = await model.doGenerate(options);
    expect(generated.content.map((item) => item.type)).toEqual([
      'reasoning',
      'tool-call',
      'tool-result',
      'text',
    ]);
    expect(generated.content[0]).toEqual({
      type: 'reasoning',
      text: AGENT_STEP_REASONING.slice(0, 7).join('\n\n'),
      providerMetadata: { robocoders: { sessionId: 'sid-2', agent: 'GeneralCodingAgent' } },
    });
  });

  it('warns in V2 shape about settings and user-defined tools', async () => {
    const { model } = setup();
    const weather = tool('weather');
    const result = await model.doStream(
      callOptions({ topP: 0.5, seed: 1, tools: [weather, tool('run')] }),
    );
    const [first] = await convertReadableStreamToArray(result.stream);
    expect(first).toEqual({
      type: 'stream-start',
      warnings: [
        { type: 'unsupported-setting', setting: 'topP', details: expect.any(String) },
        { type: 'unsupported-setting', setting: 'seed', details: expect.any(String) },
        { type: 'unsupported-tool', tool: weather, details: expect.any(String) },
      ],
    });
  });

  it('adds raw events with includeRawChunks', async () => {
    const { model } = setup(workingTurn);
    const parts = await convertReadableStreamToArray(
      (await model.doStream(callOptions({ includeRawChunks: true }))).stream,
    );
    expect(parts.filter((part) => part.type === 'raw')).toHaveLength(3);
  });

  it('generates ordered content with V2 finish reason and usage', async () => {
    const { model } = setup(workingTurn);
    const result = await model.doGenerate(callOptions({ tools: [tool('run')] }));
    expect(result.content.map((item) => item.type)).toEqual([
      'reasoning',
      'tool-call',
      'tool-result',
      'text',
    ]);
    expect(result.content[1]).toMatchObject({ providerExecuted: true, toolName: 'run' });
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toEqual(noUsage);
    expect(result.providerMetadata?.robocoders).toMatchObject({ lastEventId: 4 });
    expect(result.request?.body).toEqual({
      sid: 'sid-1',
      prompt: 'Hello',
      agent: 'GeneralCodingAgent',
    });
  });

  it('keeps unknown as the finish reason of a stream without a terminal event', async () => {
    const { model } = setup(() => ({ chunks: [ndjson(messageEvent(1, 'Partial'))] }));
    const result = await model.doGenerate(callOptions());
    expect(result.finishReason).toBe('unknown');
    expect(result.content).toEqual([
      { type: 'text', text: 'Partial', providerMetadata: partMetadata },
    ]);
  });

  it('throws APICallError (recognised by the V2 package) before the stream', async () => {
    const { model } = setup(() => ({ status: 401, json: { detail: 'Could not validate' } }));
    const error = await caught(model.doGenerate(callOptions()));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401 });
  });
});
