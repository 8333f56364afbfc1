import { APICallError } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import { createRobocoders } from '../../src/v1/robocoders-provider';
import { chatBodies, providerFor, requestsTo, TASK, useEmulator } from './emulator-fixture';

describe('tokens and retries against the emulator', () => {
  const emulator = useEmulator();

  it('fetches one token for 50 concurrent cold calls', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        generateText({ model: robocoders('RepoAgent'), prompt: TASK }),
      ),
    );
    expect(results.every((result) => result.finishReason === 'stop')).toBe(true);
    expect(requestsTo(emulator(), '/auth')).toHaveLength(1);
    expect(requestsTo(emulator(), '/create-session')).toHaveLength(50);
    expect(new Set(chatBodies(emulator()).map((body) => body.sid)).size).toBe(50);
    expect(new Set(requestsTo(emulator(), '/chat').map((request) => request.bearer)).size).toBe(1);
  });

  it('renews a revoked token once and carries on', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    await generateText({ model: robocoders('RepoAgent'), prompt: TASK });
    emulator().revokeTokens();
    const result = await generateText({
      model: robocoders('RepoAgent'),
      prompt: TASK,
      maxRetries: 0,
    });
    expect(result.finishReason).toBe('stop');
    const auth = requestsTo(emulator(), '/auth');
    expect(auth).toHaveLength(2);
    const sessions = requestsTo(emulator(), '/create-session');
    expect(sessions.map((request) => request.status)).toEqual([200, 401, 200]);
    expect(sessions[1].bearer).not.toBe(sessions[2].bearer);
  });

  it('renews the token when it is rejected mid-call (revoke-tokens fault on /chat)', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    emulator().fault({ endpoint: '/chat', kind: 'revoke-tokens' });
    const result = await generateText({
      model: robocoders('RepoAgent'),
      prompt: TASK,
      maxRetries: 0,
    });
    expect(result.finishReason).toBe('stop');
    expect(requestsTo(emulator(), '/chat').map((request) => request.status)).toEqual([401, 200]);
    expect(requestsTo(emulator(), '/auth')).toHaveLength(2);
  });

  it('renews a token before its exp', async () => {
    // 20 s tokens are inside the renewal margin, so every call needs a new one.
    const shortLived = await emulator().issueToken({ ttlSeconds: 20 });
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    emulator().fault({
      endpoint: '/auth',
      kind: 'status',
      status: 200,
      body: `<html><body><pre id="token">${shortLived}</pre></body></html>`,
      headers: { 'content-type': 'text/html' },
    });
    await generateText({ model: robocoders('RepoAgent'), prompt: TASK });
    await generateText({ model: robocoders('RepoAgent'), prompt: TASK });
    const auth = requestsTo(emulator(), '/auth');
    expect(auth).toHaveLength(2);
    expect(
      requestsTo(emulator(), '/create-session').every((request) => request.status === 200),
    ).toBe(true);
  });

  it('fails at once with a clear 401 when a user key is rejected, without retries', async () => {
    const secret = await emulator().issueToken();
    emulator().revokeTokens();
    const robocoders = providerFor(emulator(), { apiKey: secret });
    const error = await generateText({
      model: robocoders('RepoAgent'),
      prompt: TASK,
      maxRetries: 3,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(401);
    expect((error as APICallError).isRetryable).toBe(false);
    expect((error as Error).message).toMatch(
      /rejected the API key \(401: Could not validate credentials\)/,
    );
    expect(requestsTo(emulator(), '/auth')).toHaveLength(0);
    expect(requestsTo(emulator(), '/create-session')).toHaveLength(1);
  });

  it('retries a 503 through ai maxRetries', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    emulator().fault({
      endpoint: '/chat',
      kind: 'status',
      status: 503,
      body: { detail: 'Service temporarily overloaded' },
    });
    const result = streamText({ model: robocoders('RepoAgent'), prompt: TASK, maxRetries: 1 });
    let text = '';
    for await (const delta of result.textStream) text += delta;
    expect(text).toContain('factorial');
    expect(await result.finishReason).toBe('stop');
    expect(requestsTo(emulator(), '/chat').map((request) => request.status)).toEqual([503, 200]);
  });

  it('does not retry a 422 and puts the validation detail in the message', async () => {
    const robocoders = providerFor(emulator());
    const error = await generateText({
      model: robocoders('NoSuchAgent'),
      prompt: TASK,
      maxRetries: 2,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).statusCode).toBe(422);
    expect((error as Error).message).toMatch(
      /^Robocoders POST \/chat failed with status 422: body\.agent: /,
    );
    expect(requestsTo(emulator(), '/chat')).toHaveLength(1);
  });

  it('reports an /auth page without a token as LoadAPIKeyError', async () => {
    const robocoders = providerFor(emulator());
    emulator().fault({
      endpoint: '/auth',
      kind: 'status',
      status: 200,
      body: '<html><body><p>Please log in</p></body></html>',
      headers: { 'content-type': 'text/html' },
    });
    await expect(generateText({ model: robocoders('RepoAgent'), prompt: TASK })).rejects.toThrow(
      /has no token/,
    );
  });

  it('turns a refused connection into a retryable APICallError', async () => {
    const robocoders = createRobocoders({ baseURL: 'http://127.0.0.1:9', apiKey: 'k' });
    const error = await generateText({
      model: robocoders('RepoAgent'),
      prompt: TASK,
      maxRetries: 0,
    }).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).isRetryable).toBe(true);
    expect((error as Error).message).toMatch(/Cannot connect to Robocoders/);
  });

  it('keeps the token out of every error and result', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    await generateText({ model: robocoders('RepoAgent'), prompt: TASK });
    const token = requestsTo(emulator(), '/chat')[0].bearer as string;
    emulator().fault({
      endpoint: '/chat',
      kind: 'status',
      status: 500,
      body: { detail: `echo ${token}` },
    });
    const seen: unknown[] = [];
    seen.push(
      await generateText({ model: robocoders('RepoAgent'), prompt: TASK, maxRetries: 0 }).catch(
        (error: unknown) => error,
      ),
    );
    emulator().fault({ endpoint: '/chat', kind: 'cut', afterEvents: 1 });
    const broken = streamText({
      model: robocoders('RepoAgent'),
      prompt: TASK,
      onError: ({ error }) => {
        seen.push(error);
      },
    });
    for await (const part of broken.fullStream) seen.push(part);
    seen.push(await broken.request, await broken.response, await broken.providerMetadata);
    seen.push(await generateText({ model: robocoders('RepoAgent'), prompt: TASK }));
    const serialised = JSON.stringify(seen, (_, value) =>
      value instanceof Error ? { ...value, message: value.message, stack: value.stack } : value,
    );
    expect(serialised).toContain('[redacted]');
    expect(serialised).toContain('broke after');
    expect(serialised).not.toContain(token);
  });
});
