import { APICallError } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import fc from 'fast-check';
import type { FaultSpec } from 'robocoders-emulator';
import { eventually, providerFor, requestsTo, TASK, useEmulator } from './emulator-fixture';

describe('stream faults against the emulator', () => {
  const emulator = useEmulator();
  let baseline: string;

  const answer = async (fault?: FaultSpec) => {
    if (fault) emulator().fault(fault);
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    return generateText({ model: robocoders('GeneralCodingAgent'), prompt: TASK, maxRetries: 0 });
  };

  beforeAll(async () => {
    baseline = (await answer()).text;
  });

  it('skips and counts malformed lines without changing the text', async () => {
    const result = await answer({ endpoint: '/chat', kind: 'malformed-lines' });
    expect(result.text).toBe(baseline);
    expect(result.providerMetadata?.robocoders.skippedLines).toBeGreaterThan(0);
    expect(result.finishReason).toBe('stop');
  });

  it('reassembles a body written in pieces that split UTF-8 characters', async () => {
    const result = await answer({ endpoint: '/chat', kind: 'byte-split', maxChunkBytes: 1 });
    expect(result.text).toBe(baseline);
    expect(result.providerMetadata?.robocoders.skippedLines).toBe(0);
  });

  it('reads Server-Sent Events framing', async () => {
    const result = await answer({ endpoint: '/chat', kind: 'sse' });
    expect(result.text).toBe(baseline);
    expect(result.response.headers?.['content-type']).toMatch(/^text\/event-stream/);
  });

  it('streams a slow drip as it arrives', async () => {
    const result = await answer({ endpoint: '/chat', kind: 'slow-drip', delayMs: 1 });
    expect(result.text).toBe(baseline);
  });

  it('never changes the delivered text, whatever the chunk size (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 64 }),
        fc.boolean(),
        async (maxChunkBytes, sse) => {
          if (sse) emulator().fault({ endpoint: '/chat', kind: 'sse' });
          const result = await answer({ endpoint: '/chat', kind: 'byte-split', maxChunkBytes });
          expect(result.text).toBe(baseline);
        },
      ),
      { seed: 20_261_202, numRuns: 8 },
    );
  }, 60_000);

  it('ends a cut stream with an error part and finish reason error, never a clean finish', async () => {
    // After the OpenHands envelope's opening (6 events) and some of the agent's.
    emulator().fault({ endpoint: '/chat', kind: 'cut', afterEvents: 9 });
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const onError = vi.fn();
    const result = streamText({ model: robocoders('GeneralCodingAgent'), prompt: TASK, onError });
    const types: string[] = [];
    let text = '';
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === 'text-delta') text += part.textDelta;
    }
    expect(types.slice(-3)).toEqual(['error', 'step-finish', 'finish']);
    expect(text.length).toBeGreaterThan(0);
    expect(baseline.startsWith(text)).toBe(true);
    expect(await result.finishReason).toBe('error');
    const error = onError.mock.calls[0][0].error;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/broke after 9 events/);
    expect(error.isRetryable).toBe(false);
    expect((await result.providerMetadata)?.robocoders.rawFinishReason).toBe('stream_error');
  });

  it('makes generateText throw for a cut stream instead of returning part of the answer', async () => {
    await expect(answer({ endpoint: '/chat', kind: 'cut', afterEvents: 2 })).rejects.toThrow(
      /broke after 2 events/,
    );
  });

  it('closes the upstream connection when the call is aborted mid-stream', async () => {
    emulator().fault({ endpoint: '/chat', kind: 'slow-drip', delayMs: 20 });
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const controller = new AbortController();
    const result = streamText({
      model: robocoders('GeneralCodingAgent'),
      prompt: TASK,
      abortSignal: controller.signal,
    });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const part of result.fullStream) {
        seen.push(part.type);
        if (part.type === 'text-delta') controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toContain('text-delta');
    const [chat] = requestsTo(emulator(), '/chat');
    await eventually(() => chat.endedAt !== undefined);
    expect(chat.clientAborted).toBe(true);
  });

  it('sends nothing for a call aborted before it starts', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const controller = new AbortController();
    controller.abort();
    await expect(
      generateText({
        model: robocoders('RepoAgent'),
        prompt: TASK,
        abortSignal: controller.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(emulator().requests).toHaveLength(0);
  });
});
