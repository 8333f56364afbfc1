import { createLoggedFetch } from './logged-fetch';
import { RobocodersLog } from './logger';

describe('createLoggedFetch', () => {
  const setup = (fetch: typeof globalThis.fetch, withDebug = true) => {
    const lines: string[] = [];
    const log = new RobocodersLog(withDebug ? { debug: (line) => lines.push(line) } : {}, () => [
      'sekret-token',
    ]);
    let now = 1_000;
    const logged = createLoggedFetch(fetch, log, () => (now += 5));
    return { lines, logged };
  };

  it('writes method, path, status, duration and session, never headers or body', async () => {
    const { lines, logged } = setup(async () => new Response('{}', { status: 201 }));
    await logged('http://robocoders.test/chat?x=1', {
      method: 'POST',
      headers: { authorization: 'Bearer sekret-token' },
      body: JSON.stringify({ sid: 'sid-1', prompt: 'hello' }),
    });
    expect(lines).toEqual(['robocoders: POST /chat 201 in 5 ms, session sid-1']);
  });

  it('writes a failed request with its error, redacted, and rethrows it', async () => {
    const failure = new TypeError('fetch failed for sekret-token');
    const { lines, logged } = setup(() => Promise.reject(failure));
    await expect(logged('http://robocoders.test/auth')).rejects.toBe(failure);
    expect(lines).toEqual(['robocoders: GET /auth failed in 5 ms: fetch failed for [redacted]']);
  });

  it('passes requests through untouched without a debug logger', async () => {
    const fetch = vi.fn(async () => new Response('ok'));
    const { lines, logged } = setup(fetch, false);
    await logged('http://robocoders.test/auth');
    expect(fetch).toHaveBeenCalledWith('http://robocoders.test/auth', undefined);
    expect(lines).toEqual([]);
  });
});
