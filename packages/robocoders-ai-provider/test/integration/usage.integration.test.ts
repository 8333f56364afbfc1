import type { LanguageModelV2StreamPart } from '@ai-sdk/provider-v2';
import type { LanguageModelV3StreamPart } from '@ai-sdk/provider-v3';
import { generateText, streamText } from 'ai';
import type { RunningEmulator } from 'robocoders-emulator';
import { createRobocoders as createRobocodersV2 } from '../../src/v2/robocoders-provider-v2';
import { createRobocoders as createRobocodersV3 } from '../../src/v3/robocoders-provider-v3';
import { chatBodies, providerFor, TASK, useEmulator } from './emulator-fixture';

/** The session's running totals (OpenHands `llm_metrics`) after its `count` first events. */
function totalsAfter(emulator: RunningEmulator, sid: string, count?: number) {
  const events = emulator.session(sid)?.events.slice(0, count) ?? [];
  const metrics = [...events].reverse().find((event) => event.llm_metrics !== undefined)
    ?.llm_metrics as
    | {
        accumulated_cost: number;
        accumulated_token_usage: {
          prompt_tokens: number;
          completion_tokens: number;
          cache_read_tokens: number;
        };
      }
    | undefined;
  const usage = metrics?.accumulated_token_usage;
  return {
    input: usage?.prompt_tokens ?? 0,
    output: usage?.completion_tokens ?? 0,
    cacheRead: usage?.cache_read_tokens ?? 0,
    cost: metrics?.accumulated_cost ?? 0,
  };
}

const userPrompt = (text: string) => [
  { role: 'user' as const, content: [{ type: 'text' as const, text }] },
];

async function collect<T>(stream: ReadableStream<T>): Promise<T[]> {
  const parts: T[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

describe('usage reported by the service, through every entry', () => {
  const emulator = useEmulator();

  it('ai 4 (main entry): a new session reports every response of the turn and its cost', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const result = streamText({ model: robocoders('GeneralCodingAgent'), prompt: TASK });
    await result.consumeStream();
    const [{ sid }] = chatBodies(emulator());
    const totals = totalsAfter(emulator(), sid);
    expect(totals.input).toBeGreaterThan(0);
    expect(await result.usage).toEqual({
      promptTokens: totals.input,
      completionTokens: totals.output,
      totalTokens: totals.input + totals.output,
    });
    const metadata = (await result.providerMetadata)?.robocoders;
    expect(metadata?.costUsd).toBeCloseTo(totals.cost, 10);
  });

  it('ai 4: a follow-up on the conversation reports only its own turn', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const model = robocoders('GeneralCodingAgent');
    const providerOptions = { robocoders: { conversationId: 'usage-follow-up' } };
    const first = await generateText({ model, prompt: TASK, providerOptions });
    const sid = first.providerMetadata?.robocoders.sessionId as string;
    const before = totalsAfter(emulator(), sid);
    const eventsBefore = emulator().session(sid)?.events.length;
    const second = await generateText({
      model,
      messages: [
        { role: 'user', content: TASK },
        { role: 'assistant', content: first.text },
        { role: 'user', content: 'Now add tests for it' },
      ],
      providerOptions,
    });
    expect(second.providerMetadata?.robocoders.sessionId).toBe(sid);
    const after = totalsAfter(emulator(), sid);
    expect(emulator().session(sid)?.events.length).toBeGreaterThan(eventsBefore ?? 0);
    expect(after.input).toBeGreaterThan(before.input);
    expect(second.usage).toEqual({
      promptTokens: after.input - before.input,
      completionTokens: after.output - before.output,
      totalTokens: after.input - before.input + (after.output - before.output),
    });
    expect(second.providerMetadata?.robocoders.costUsd).toBeGreaterThan(0);
    expect(first.usage.promptTokens).toBe(before.input);
  });

  it('ai 4: the usage of a call spans its continuations', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 1 });
    const result = await generateText({
      model: robocoders('GeneralCodingAgent'),
      prompt: 'long task 30',
    });
    expect(result.providerMetadata?.robocoders.continuations).toBe(1);
    const [{ sid }] = chatBodies(emulator());
    const totals = totalsAfter(emulator(), sid);
    expect(result.usage.promptTokens).toBe(totals.input);
    expect(result.usage.completionTokens).toBe(totals.output);
    expect(result.providerMetadata?.robocoders.costUsd).toBeCloseTo(totals.cost, 10);
  });

  it('stays unknown when the events carry no usage', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    // Load mode: plain messages without tool_call_metadata or llm_metrics.
    const result = await generateText({
      model: robocoders('GeneralCodingAgent'),
      prompt: 'bench 3',
    });
    expect(result.usage.promptTokens).toBeNaN();
    expect(result.usage.completionTokens).toBeNaN();
    expect(result.providerMetadata?.robocoders).not.toHaveProperty('costUsd');
  });

  it('/v2 (ai 5): usage with cached input, in doStream and doGenerate', async () => {
    const model = createRobocodersV2({ baseURL: emulator().url, maxContinuations: 0 })(
      'GeneralCodingAgent',
    );
    const streamed = await model.doStream({ prompt: userPrompt(TASK) });
    const parts: LanguageModelV2StreamPart[] = await collect(streamed.stream);
    const [{ sid }] = chatBodies(emulator());
    const totals = totalsAfter(emulator(), sid);
    const expected = {
      inputTokens: totals.input,
      outputTokens: totals.output,
      totalTokens: totals.input + totals.output,
      cachedInputTokens: totals.cacheRead,
    };
    const finish = parts.at(-1);
    expect(finish).toMatchObject({ type: 'finish', usage: expected });
    expect(totals.cacheRead).toBeGreaterThan(0);
    if (finish?.type !== 'finish') throw new Error('no finish part');
    expect(finish.providerMetadata?.robocoders?.costUsd).toBeCloseTo(totals.cost, 10);

    emulator().clearRequests();
    const generated = await model.doGenerate({ prompt: userPrompt(TASK) });
    const [{ sid: sid2 }] = chatBodies(emulator());
    const totals2 = totalsAfter(emulator(), sid2);
    expect(generated.usage).toEqual({
      inputTokens: totals2.input,
      outputTokens: totals2.output,
      totalTokens: totals2.input + totals2.output,
      cachedInputTokens: totals2.cacheRead,
    });
    expect(generated.providerMetadata?.robocoders?.costUsd).toBeCloseTo(totals2.cost, 10);
  });

  it('/v3 (ai 6, 7): usage in the V3 shape, in doStream and doGenerate', async () => {
    const model = createRobocodersV3({ baseURL: emulator().url, maxContinuations: 0 })(
      'GeneralCodingAgent',
    );
    const shape = (totals: ReturnType<typeof totalsAfter>) => ({
      inputTokens: {
        total: totals.input,
        noCache: totals.input - totals.cacheRead,
        cacheRead: totals.cacheRead,
        cacheWrite: 0,
      },
      outputTokens: { total: totals.output, text: undefined, reasoning: undefined },
    });
    const streamed = await model.doStream({ prompt: userPrompt(TASK) });
    const parts: LanguageModelV3StreamPart[] = await collect(streamed.stream);
    const [{ sid }] = chatBodies(emulator());
    const totals = totalsAfter(emulator(), sid);
    const finish = parts.at(-1);
    if (finish?.type !== 'finish') throw new Error('no finish part');
    expect(finish.usage).toEqual(shape(totals));
    expect(finish.providerMetadata?.robocoders?.costUsd).toBeCloseTo(totals.cost, 10);

    emulator().clearRequests();
    const generated = await model.doGenerate({ prompt: userPrompt(TASK) });
    const [{ sid: sid2 }] = chatBodies(emulator());
    const totals2 = totalsAfter(emulator(), sid2);
    expect(generated.usage).toEqual(shape(totals2));
    expect(generated.providerMetadata?.robocoders?.costUsd).toBeCloseTo(totals2.cost, 10);
  });
});

describe('usage with the OpenHands envelope switched on for one request', () => {
  // No envelope by default here, so the fault is what brings it.
  const emulator = useEmulator({ openHandsEnvelope: false });

  it('ai 4: the OpenHands envelope (user echo, state changes, null observations) adds nothing', async () => {
    emulator().fault({ endpoint: '/chat', kind: 'openhands-envelope' });
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const result = await generateText({ model: robocoders('GeneralCodingAgent'), prompt: TASK });
    const [{ sid }] = chatBodies(emulator());
    // The envelope was in this response (the emulator's own test shows what the fault adds).
    expect(result.response.headers?.['x-emulator-faults']).toBe('openhands-envelope');
    const totals = totalsAfter(emulator(), sid);
    expect(totals.input).toBeGreaterThan(0);
    expect(result.usage).toMatchObject({
      promptTokens: totals.input,
      completionTokens: totals.output,
    });
  });
});
