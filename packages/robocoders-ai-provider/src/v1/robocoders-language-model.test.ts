import {
  APICallError,
  InvalidArgumentError,
  type LanguageModelV1CallOptions,
  type LanguageModelV1Prompt,
  type LanguageModelV1StreamPart,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import fc from 'fast-check';
import {
  AGENT_STEP_REASONING,
  agentStepEvents,
  createFakeRobocoders,
  type FakeReply,
  messageEvent,
  ndjson,
} from '../../test/test-utils/fake-robocoders';
import type { RobocodersProviderSettings } from '../shared/robocoders-settings';
import { createRobocoders } from './robocoders-provider';

/** Resolves with the rejection reason (or undefined) of a PromiseLike. */
const caught = (promise: PromiseLike<unknown>) =>
  Promise.resolve(promise).then(
    () => undefined,
    (error: unknown) => error,
  );

const PROMPT: LanguageModelV1Prompt = [
  { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
];

function callOptions(
  overrides: Partial<LanguageModelV1CallOptions> = {},
): LanguageModelV1CallOptions {
  return { inputFormat: 'prompt', mode: { type: 'regular' }, prompt: PROMPT, ...overrides };
}

function setup(chat?: (index: number) => FakeReply, settings: RobocodersProviderSettings = {}) {
  const fake = createFakeRobocoders({ chat: chat ? (_, index) => chat(index) : undefined });
  const provider = createRobocoders({
    baseURL: 'http://robocoders.test/',
    fetch: fake.fetch,
    maxContinuations: 0,
    ...settings,
  });
  return { fake, model: provider('GeneralCodingAgent') };
}

const thoughtful = () => ({
  chunks: [
    ndjson(
      {
        id: 2,
        source: 'agent',
        message: 'Running command: ls',
        action: 'run',
        args: { command: 'ls', thought: 'Check files.' },
      },
      messageEvent(3, 'All good.', true),
    ),
  ],
});

describe('RobocodersChatLanguageModel', () => {
  it('describes itself as a V1 model', () => {
    const { model } = setup();
    expect(model).toMatchObject({
      specificationVersion: 'v1',
      provider: 'robocoders.chat',
      modelId: 'GeneralCodingAgent',
      defaultObjectGenerationMode: 'json',
      supportsImageUrls: false,
    });
  });

  describe('doStream', () => {
    it('streams metadata, reasoning, text and a finish with provider metadata', async () => {
      const { model } = setup(thoughtful);
      const result = await model.doStream(callOptions());
      const parts = await convertReadableStreamToArray(result.stream);
      expect(parts).toEqual([
        {
          type: 'response-metadata',
          id: 'sid-1',
          timestamp: expect.any(Date),
          modelId: 'GeneralCodingAgent',
        },
        { type: 'reasoning', textDelta: 'Check files.' },
        { type: 'text-delta', textDelta: 'Running command: ls\n\nAll good.' },
        {
          type: 'finish',
          finishReason: 'stop',
          usage: { promptTokens: Number.NaN, completionTokens: Number.NaN },
          providerMetadata: {
            robocoders: {
              sessionId: 'sid-1',
              agent: 'GeneralCodingAgent',
              continuations: 0,
              awaitingInput: true,
              skippedLines: 0,
              lastEventId: 3,
              rawFinishReason: 'awaiting_user_input',
            },
          },
        },
      ] satisfies LanguageModelV1StreamPart[]);
      expect(result.request).toEqual({
        body: JSON.stringify({ sid: 'sid-1', prompt: 'Hello', agent: 'GeneralCodingAgent' }),
      });
      expect(result.rawCall).toEqual({
        rawPrompt: 'Hello',
        rawSettings: {
          agent: 'GeneralCodingAgent',
          sessionId: 'sid-1',
          newSession: true,
          maxContinuations: 0,
          continuePrompt: 'continue',
          continueOnWait: false,
          sessionFromHistory: true,
          agentSteps: 'text',
          idleTimeoutMs: 600_000,
          maxEventBytes: 16 * 1024 * 1024,
        },
      });
      expect(result.rawResponse?.headers?.['content-type']).toBe('application/x-ndjson');
      expect(result.warnings).toEqual([]);
    });

    it('removes the trailing slash of baseURL', async () => {
      const { fake, model } = setup();
      await model.doStream(callOptions());
      expect(fake.calls.map((call) => call.path)).toEqual(['/auth', '/create-session', '/chat']);
    });

    it('warns about settings, tools and formats it cannot honour', async () => {
      const { model } = setup();
      const tool = {
        type: 'function' as const,
        name: 'weather',
        parameters: { type: 'object' as const },
      };
      const result = await model.doStream(
        callOptions({
          temperature: 0.2,
          topP: 0.9,
          topK: 3,
          maxTokens: 100,
          presencePenalty: 1,
          frequencyPenalty: 1,
          seed: 7,
          stopSequences: ['x'],
          responseFormat: { type: 'json' },
          mode: { type: 'regular', tools: [tool] },
        }),
      );
      expect(
        result.warnings?.map((warning) =>
          warning.type === 'unsupported-setting' ? warning.setting : warning.type,
        ),
      ).toEqual([
        'maxTokens',
        'temperature',
        'topP',
        'topK',
        'presencePenalty',
        'frequencyPenalty',
        'seed',
        'stopSequences',
        'responseFormat',
        'unsupported-tool',
      ]);
      expect(result.warnings?.[9]).toMatchObject({ type: 'unsupported-tool', tool });
    });

    it("does not warn about ai 4's default temperature 0", async () => {
      const { model } = setup();
      const result = await model.doStream(callOptions({ temperature: 0 }));
      expect(result.warnings).toEqual([]);
    });

    it('warns in object-json mode and rejects object-tool mode before any request', async () => {
      const { fake, model } = setup();
      const json = await model.doStream(callOptions({ mode: { type: 'object-json' } }));
      expect(json.warnings).toEqual([expect.objectContaining({ setting: 'responseFormat' })]);
      const before = fake.calls.length;
      await expect(
        model.doStream(
          callOptions({
            mode: {
              type: 'object-tool',
              tool: { type: 'function', name: 'json', parameters: { type: 'object' } },
            },
          }),
        ),
      ).rejects.toSatisfy(UnsupportedFunctionalityError.isInstance);
      expect(fake.calls.length).toBe(before);
    });

    it('rejects images before any request', async () => {
      const { fake, model } = setup();
      await expect(
        model.doStream(
          callOptions({
            prompt: [{ role: 'user', content: [{ type: 'image', image: new Uint8Array([1]) }] }],
          }),
        ),
      ).rejects.toSatisfy(UnsupportedFunctionalityError.isInstance);
      expect(fake.calls).toHaveLength(0);
    });

    it.each([
      [{ sessionId: '../etc/passwd' }, /sessionId: sessionId may only contain/],
      [{ sessionId: 'a\r\nX-Injected: 1' }, /sessionId/],
      [{ sessionId: 'x'.repeat(129) }, /sessionId/],
      [{ conversationId: 'c', sessionId: 's' }, /cannot be used together/],
      [{ maxContinuations: -1 }, /maxContinuations/],
      [{ maxContinuations: 1.5 }, /maxContinuations/],
      [{ continuePrompt: '' }, /continuePrompt/],
      [{ agentSteps: 'tools' }, /agentSteps/],
      [{ unknownOption: true }, /unknown option "unknownOption"/],
    ])('rejects invalid provider options %j', async (robocoders, message) => {
      const { fake, model } = setup();
      const error = await caught(
        model.doStream(callOptions({ providerMetadata: { robocoders } as never })),
      );
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
      expect(fake.calls).toHaveLength(0);
    });

    it('lets provider options override the model settings', async () => {
      const { fake, model } = setup((index) =>
        index === 0
          ? { chunks: [ndjson(messageEvent(1, 'q?', true))] }
          : { chunks: [ndjson(messageEvent(2, 'a', true))] },
      );
      const result = await model.doStream(
        callOptions({
          providerMetadata: {
            robocoders: { maxContinuations: 1, continuePrompt: 'yes', continueOnWait: true },
          },
        }),
      );
      await convertReadableStreamToArray(result.stream);
      expect(fake.callsTo('/chat')[1].body).toMatchObject({ prompt: 'yes' });
    });

    describe('agentSteps', () => {
      const stepTurn = () => ({ chunks: [ndjson(...agentStepEvents())] });
      const streamed = async (result: { stream: ReadableStream<LanguageModelV1StreamPart> }) => {
        const parts = await convertReadableStreamToArray(result.stream);
        const join = (type: 'text-delta' | 'reasoning') =>
          parts.map((part) => (part.type === type ? part.textDelta : '')).join('');
        return { parts, text: join('text-delta'), reasoning: join('reasoning') };
      };
      const stepsAsReasoning = AGENT_STEP_REASONING.join('\n\n');

      it('streams step summaries as text by default, thoughts apart by a blank line', async () => {
        const { model } = setup(stepTurn);
        const result = await model.doStream(callOptions());
        const { text, reasoning } = await streamed(result);
        expect(reasoning).toBe('Plan first.\n\nWrite the file.\n\nCheck it.');
        expect(text).toContain('Running command: cat notes.md\n\nCommand `cat notes.md`');
        expect(text).toMatch(/notes\.md is written\.$/);
        expect(result.rawCall.rawSettings).toMatchObject({ agentSteps: 'text' });
      });

      it.each([
        ['the provider setting', { agentSteps: 'reasoning' }, {}, undefined],
        ['the model setting', { agentSteps: 'text' }, { agentSteps: 'reasoning' }, undefined],
        ['the provider option', {}, { agentSteps: 'text' }, 'reasoning'],
      ] as const)(
        'streams steps as Markdown reasoning when %s says so',
        async (_, providerSettings, modelSettings, option) => {
          const fake = createFakeRobocoders({ chat: stepTurn });
          const provider = createRobocoders({
            baseURL: 'http://robocoders.test',
            fetch: fake.fetch,
            maxContinuations: 0,
            ...providerSettings,
          });
          const result = await provider('RepoAgent', modelSettings).doStream(
            callOptions(
              option === undefined
                ? {}
                : { providerMetadata: { robocoders: { agentSteps: option } } },
            ),
          );
          const { text, reasoning, parts } = await streamed(result);
          expect(reasoning).toBe(stepsAsReasoning);
          expect(text).toBe('notes.md is written.');
          expect(parts.filter((part) => part.type === 'text-delta')).toHaveLength(1);
          expect(result.rawCall.rawSettings).toMatchObject({ agentSteps: 'reasoning' });
        },
      );

      it('collects steps into the reasoning of doGenerate', async () => {
        const { model } = setup(stepTurn, { agentSteps: 'reasoning' });
        const result = await model.doGenerate(callOptions());
        expect(result.text).toBe('notes.md is written.');
        expect(result.reasoning).toBe(stepsAsReasoning);
      });

      it('rejects an invalid agentSteps setting of the provider or the model', () => {
        const thrown = (create: () => unknown) => {
          try {
            create();
          } catch (error) {
            return error;
          }
          return undefined;
        };
        const forProvider = thrown(() => setup(undefined, { agentSteps: 'steps' as 'text' }));
        expect(InvalidArgumentError.isInstance(forProvider)).toBe(true);
        expect((forProvider as InvalidArgumentError).argument).toBe('settings.agentSteps');
        expect((forProvider as Error).message).toBe(
          'Robocoders: agentSteps must be "text", "reasoning" or "tools", got "steps".',
        );
        // V1 has no tool parts for the agent's steps: "tools" is refused by name.
        const toolsHere = thrown(() => setup(undefined, { agentSteps: 'tools' }));
        expect((toolsHere as InvalidArgumentError).argument).toBe('settings.agentSteps');
        expect((toolsHere as Error).message).toMatch(/"tools" needs the \/v3 or \/v4 entry/);
        const provider = createRobocoders({ baseURL: 'http://robocoders.test' });
        const forModel = thrown(() => provider('RepoAgent', { agentSteps: 'steps' as 'text' }));
        expect(InvalidArgumentError.isInstance(forModel)).toBe(true);
        expect((forModel as InvalidArgumentError).argument).toBe('modelSettings.agentSteps');
      });
    });

    it('throws APICallError with the server detail before the stream', async () => {
      const { model } = setup(() => ({
        status: 422,
        json: {
          detail: [{ type: 'enum', loc: ['body', 'agent'], msg: 'Input should be RepoAgent' }],
        },
      }));
      const error = await caught(model.doStream(callOptions()));
      expect(APICallError.isInstance(error)).toBe(true);
      expect((error as APICallError).message).toBe(
        'Robocoders POST /chat failed with status 422: body.agent: Input should be RepoAgent',
      );
      expect((error as APICallError).isRetryable).toBe(false);
    });

    it('turns a network failure into a retryable APICallError', async () => {
      const provider = createRobocoders({
        baseURL: 'http://robocoders.test',
        apiKey: 'k',
        fetch: () => Promise.reject(new TypeError('fetch failed')),
      });
      const error = await caught(provider('RepoAgent').doStream(callOptions()));
      expect(APICallError.isInstance(error)).toBe(true);
      expect((error as APICallError).isRetryable).toBe(true);
      expect((error as APICallError).message).toMatch(/Cannot connect to Robocoders/);
    });
  });

  describe('doGenerate', () => {
    it('collects text, reasoning and metadata', async () => {
      const { model } = setup(thoughtful);
      const result = await model.doGenerate(callOptions());
      expect(result).toMatchObject({
        text: 'Running command: ls\n\nAll good.',
        reasoning: 'Check files.',
        finishReason: 'stop',
        response: { id: 'sid-1', modelId: 'GeneralCodingAgent' },
        providerMetadata: { robocoders: { sessionId: 'sid-1', awaitingInput: true } },
        request: { body: expect.stringContaining('"sid":"sid-1"') },
        warnings: [],
      });
      expect(result.usage.promptTokens).toBeNaN();
      expect(result.rawCall.rawPrompt).toBe('Hello');
    });

    it("returns '' (not undefined) without text and no reasoning", async () => {
      const { model } = setup(() => ({
        chunks: [ndjson({ id: 1, source: 'agent', message: '', action: 'finish', args: {} })],
      }));
      const result = await model.doGenerate(callOptions());
      expect(result.text).toBe('');
      expect(result.reasoning).toBeUndefined();
    });

    it('throws the error of a broken stream instead of returning partial text', async () => {
      const { model } = setup(() => ({ chunks: [ndjson(messageEvent(1, 'half'))], end: 'cut' }));
      await expect(model.doGenerate(callOptions())).rejects.toThrow(/broke after 1 events/);
    });
  });

  it('never puts the token in errors, rawCall, request or responses', async () => {
    const secret = 'super-secret-token-value';
    const replies: FakeReply[] = [
      { status: 500, json: { detail: `internal: ${secret}` } },
      { chunks: [ndjson(messageEvent(1, 'half'))], end: 'cut' },
      { chunks: [ndjson(messageEvent(1, 'ok', true))] },
    ];
    const { model } = setup((index) => replies[index], { apiKey: secret });
    const seen: unknown[] = [];
    seen.push(await caught(model.doStream(callOptions())));
    const broken = await model.doStream(callOptions());
    seen.push(broken.rawCall, broken.request, broken.rawResponse);
    seen.push(await convertReadableStreamToArray(broken.stream));
    seen.push(await model.doGenerate(callOptions()));
    const serialised = JSON.stringify(seen, (_, value) =>
      value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
    );
    expect(serialised).toContain('internal: [redacted]');
    expect(serialised).not.toContain(secret);
  });

  it('delivers the same text whatever the network chunk boundaries (property)', async () => {
    const texts = fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), {
      minLength: 1,
      maxLength: 6,
    });
    await fc.assert(
      fc.asyncProperty(texts, fc.array(fc.nat(), { maxLength: 10 }), async (contents, cuts) => {
        const events = contents.map((content, index) =>
          messageEvent(index + 1, content, index === contents.length - 1),
        );
        const bytes = new TextEncoder().encode(ndjson(...events));
        const positions = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort(
          (a, b) => a - b,
        );
        const chunks: Uint8Array[] = [];
        let start = 0;
        for (const position of positions) {
          chunks.push(bytes.subarray(start, position));
          start = position;
        }
        chunks.push(bytes.subarray(start));
        const { model } = setup(() => ({ chunks }));
        const result = await model.doGenerate(callOptions());
        expect(result.text).toBe(contents.join('\n\n'));
        expect(result.providerMetadata?.robocoders.skippedLines).toBe(0);
      }),
      // Seeded: a failure replays the same cases.
      { seed: 20_261_202, numRuns: 30 },
    );
  });
});
