import { eventually, TASK, useEmulator } from './emulator-fixture';
import { MAJORS, type StreamPart } from './majors';

const emulator = useEmulator();

describe.each(MAJORS)('$name with robocoders-ai-provider$entry', (major) => {
  it('abort stops the stream and closes the upstream connection', async () => {
    emulator().fault({ endpoint: '/chat', kind: 'slow-drip', delayMs: 20 });
    const model = major.createModel({ baseURL: emulator().url, maxContinuations: 0 });
    const controller = new AbortController();
    const result = major.streamText({
      model,
      prompt: TASK,
      tools: major.agentTools,
      abortSignal: controller.signal,
    });
    const seen: string[] = [];
    let thrown: unknown;
    try {
      for await (const part of result.stream) {
        seen.push(part.type);
        if (part.type === 'reasoning-delta') controller.abort();
      }
    } catch (error) {
      thrown = error;
    }
    // ai 5-7 end the full stream with an `abort` part rather than throwing.
    expect(thrown).toBeUndefined();
    expect(seen).toContain('abort');
    expect(seen).not.toContain('finish');
    const [chat] = emulator().requests.filter((request) => request.path === '/chat');
    await eventually(() => chat.endedAt !== undefined);
    expect(chat.clientAborted).toBe(true);
  });

  it('retries a 503 from the service (the error is recognised as a retryable APICallError)', async () => {
    emulator().fault({
      endpoint: '/chat',
      kind: 'status',
      status: 503,
      body: { detail: 'Service temporarily overloaded' },
    });
    const model = major.createModel({ baseURL: emulator().url, maxContinuations: 0 });
    const result = await major.generateText({
      model,
      prompt: TASK,
      tools: major.agentTools,
      maxRetries: 1,
    });
    expect(result.finishReason).toBe('stop');
    const statuses = emulator()
      .requests.filter((request) => request.path === '/chat')
      .map((request) => request.status);
    expect(statuses).toEqual([503, 200]);
  });

  it("rejects a bad key at once with an error this major's APICallError.isInstance accepts", async () => {
    const model = major.createModel({ baseURL: emulator().url, apiKey: 'not-a-valid-key' });
    let error: unknown;
    try {
      await major.generateText({ model, prompt: TASK });
    } catch (thrown) {
      error = thrown;
    }
    expect(major.isAPICallError(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 401, isRetryable: false });
    expect((error as Error).message).toMatch(/rejected the API key/);
    expect((error as Error).message).not.toContain('not-a-valid-key');
    // Not retried, nothing sent after the first refusal.
    expect(emulator().requests.map((request) => [request.path, request.status])).toEqual([
      ['/create-session', 401],
    ]);
  });

  it('streamText reports a stream cut mid-way as an error part, never a clean finish', async () => {
    emulator().fault({ endpoint: '/chat', kind: 'cut', afterEvents: 2 });
    const model = major.createModel({ baseURL: emulator().url, maxContinuations: 0 });
    const errors: unknown[] = [];
    const result = major.streamText({
      model,
      prompt: TASK,
      tools: major.agentTools,
      onError: ({ error }) => errors.push(error),
    });
    const parts: StreamPart[] = [];
    for await (const part of result.stream) parts.push(part);
    const error = parts.find((part) => part.type === 'error')?.error;
    expect(major.isAPICallError(error)).toBe(true);
    expect((error as Error).message).toMatch(/broke after 2 events/);
    expect(errors).toEqual([error]);
    expect(parts.find((part) => part.type === 'finish')?.finishReason).toBe('error');
  });
});
