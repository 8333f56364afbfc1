import { request as httpRequest } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { startEmulator } from './emulator-server.js';
import {
  bearer,
  chat,
  chatEvents,
  fetchToken,
  jwtPayload,
  openSession,
  parseNdjson,
  postJson,
  useEmulator,
} from './test-support.js';

const emulator = await useEmulator({ tokenTtlSeconds: 600, maxBodyBytes: 4096 });
const { url } = emulator;

describe('GET /auth', () => {
  it('serves an HTML page with the token in <pre id="token">, padded with whitespace', async () => {
    const response = await fetch(`${url}/auth`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toMatch(/^<!DOCTYPE html>/);
    const match = /<pre id="token"[^>]*>(\s+)(\S+)(\s+)<\/pre>/.exec(html);
    expect(match?.[1]).toMatch(/\n/);
    expect(match?.[3]).toMatch(/\n/);
    // Another <pre> comes first, so only a real lookup by id finds the token.
    expect(html.indexOf('<pre')).toBeLessThan(html.indexOf('<pre id="token"'));
  });

  it('hands out HS256 JWTs with sub, iat and exp = iat + TTL', async () => {
    const token = await fetchToken(url);
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString());
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const payload = jwtPayload(token);
    expect(payload.sub).toMatch(/^[0-9a-f-]{36}$/);
    expect(payload.exp).toBe((payload.iat as number) + 600);
  });
});

describe('GET /create-session', () => {
  it('answers {"sid": "<uuid>"} for a good token', async () => {
    const token = await fetchToken(url);
    const response = await fetch(`${url}/create-session`, { headers: bearer(token) });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body)).toEqual(['sid']);
    expect(body.sid).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(emulator.session(body.sid)).toEqual({
      sid: body.sid,
      agent: null,
      files: {},
      prompts: [],
      events: [],
    });
  });
});

describe('401', () => {
  const refused = async (headers: Record<string, string>) => {
    const response = await fetch(`${url}/create-session`, { headers });
    return {
      status: response.status,
      challenge: response.headers.get('www-authenticate'),
      body: await response.json(),
    };
  };
  const badCredentials = {
    status: 401,
    challenge: 'Bearer',
    body: { detail: 'Could not validate credentials' },
  };

  it('refuses a request without a token', async () => {
    expect(await refused({})).toEqual({ ...badCredentials, body: { detail: 'Not authenticated' } });
  });

  it('refuses a malformed token', async () => {
    expect(await refused(bearer('not-a-jwt'))).toEqual(badCredentials);
  });

  it('refuses a token signed with another secret', async () => {
    const other = await startEmulator({ jwtSecret: 'someone else' });
    try {
      expect(await refused(bearer(await other.issueToken()))).toEqual(badCredentials);
    } finally {
      await other.close();
    }
  });

  it('refuses an expired token', async () => {
    expect(await refused(bearer(await emulator.issueToken({ ttlSeconds: -5 })))).toEqual(
      badCredentials,
    );
  });

  it('refuses a token from /auth once its TTL has run out', async () => {
    const shortLived = await startEmulator({ tokenTtlSeconds: 60 });
    // The emulator reads the time from Date: the test stops that clock and moves it past the
    // token's expiry, so however slow the machine, the first use is in time and the second late.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const token = await fetchToken(shortLived.url);
      const headers = bearer(token);
      expect((await fetch(`${shortLived.url}/create-session`, { headers })).status).toBe(200);
      const exp = jwtPayload(token).exp as number;
      vi.setSystemTime(exp * 1000 + 1000);
      const response = await fetch(`${shortLived.url}/create-session`, { headers });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ detail: 'Could not validate credentials' });
    } finally {
      vi.useRealTimers();
      await shortLived.close();
    }
  });

  it('accepts tokens minted with a shared jwtSecret', async () => {
    const a = await startEmulator({ jwtSecret: 'shared' });
    const b = await startEmulator({ jwtSecret: 'shared' });
    try {
      const response = await fetch(`${b.url}/create-session`, {
        headers: bearer(await a.issueToken()),
      });
      expect(response.status).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('refuses on every authenticated endpoint', async () => {
    const { sid } = await openSession(url);
    const headers = bearer('expired.or.wrong');
    const statuses = await Promise.all([
      fetch(`${url}/create-session`, { headers }).then((r) => r.status),
      chat(url, 'expired.or.wrong', { sid, prompt: 'hi' }).then((r) => r.status),
      postJson(url, '/get-session-code', { sid, github_username: 'octocat' }, headers).then(
        (r) => r.status,
      ),
    ]);
    expect(statuses).toEqual([401, 401, 401]);
  });
});

describe('POST /chat', () => {
  it('streams NDJSON with the documented content type', async () => {
    const { token, sid } = await openSession(url);
    const response = await chat(url, token, { sid, prompt: 'write a factorial function' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const text = await response.text();
    expect(text.endsWith('\n')).toBe(true);
    expect(parseNdjson(text).every((event) => event.sid === sid)).toBe(true);
  });

  it('answers 404 {"detail": "Session not found"} for an unknown sid', async () => {
    const token = await fetchToken(url);
    const response = await chat(url, token, { sid: 'no-such-session', prompt: 'hi' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Session not found' });
  });

  it('defaults the agent to GeneralCodingAgent', async () => {
    const { token, sid } = await openSession(url);
    await chatEvents(url, token, { sid, prompt: 'write a factorial function' });
    expect(emulator.session(sid)?.agent).toBe('GeneralCodingAgent');
  });
});

describe('POST /get-session-code', () => {
  it('points at the workspace, which serves the files the agent wrote', async () => {
    const { token, sid } = await openSession(url);
    await chatEvents(url, token, { sid, prompt: 'write a factorial function' });
    const response = await postJson(
      url,
      '/get-session-code',
      { sid, github_username: 'octocat' },
      bearer(token),
    );
    expect(response.status).toBe(200);
    const { repo_url } = await response.json();
    expect(repo_url).toBe(`${url}/workspaces/${sid}`);
    const listing = await (await fetch(repo_url)).json();
    expect(listing.files.map((f: { path: string }) => f.path)).toEqual(['factorial.py']);
    const file = await fetch(listing.files[0].url);
    expect(await file.text()).toBe(emulator.session(sid)?.files['factorial.py']);
  });

  it('answers 404 for an unknown sid, and for an unknown workspace', async () => {
    const token = await fetchToken(url);
    const response = await postJson(
      url,
      '/get-session-code',
      { sid: 'gone', github_username: 'octocat' },
      bearer(token),
    );
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Session not found' });
    expect((await fetch(`${url}/workspaces/gone`)).status).toBe(404);
  });
});

describe('other status codes', () => {
  it('answers 405 with Allow for a wrong method', async () => {
    for (const [method, path, allow] of [
      ['GET', '/chat', 'POST'],
      ['POST', '/auth', 'GET'],
      ['DELETE', '/create-session', 'GET'],
      ['PUT', '/get-session-code', 'POST'],
    ] as const) {
      const response = await fetch(`${url}${path}`, { method });
      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe(allow);
      expect(await response.json()).toEqual({ detail: 'Method Not Allowed' });
    }
  });

  it('answers 404 {"detail": "Not Found"} for an unknown path', async () => {
    const response = await fetch(`${url}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ detail: 'Not Found' });
  });

  it('answers 413 for a body over the limit, declared or streamed', async () => {
    const { token, sid } = await openSession(url);
    const big = { sid, prompt: 'x'.repeat(5000) };
    expect((await chat(url, token, big)).status).toBe(413);

    // Chunked: no Content-Length, so the limit is enforced while reading.
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url}/chat`, {
        method: 'POST',
        headers: { ...bearer(token), 'content-type': 'application/json' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write(JSON.stringify(big).slice(0, 3000));
      req.write(JSON.stringify(big).slice(3000));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('answers 400 for a body that is not UTF-8, as FastAPI does', async () => {
    const token = await fetchToken(url);
    const response = await fetch(`${url}/chat`, {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: 'There was an error parsing the body' });
  });
});

describe('/docs and /openapi.json', () => {
  it('serves a human-readable page naming every endpoint', async () => {
    const response = await fetch(`${url}/docs`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    for (const path of ['/auth', '/create-session', '/chat', '/get-session-code']) {
      expect(html).toContain(`<code>${path}</code>`);
    }
  });

  it('serves an OpenAPI 3.1 document describing the API', async () => {
    const doc = await (await fetch(`${url}/openapi.json`)).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual([
      '/auth',
      '/create-session',
      '/chat',
      '/get-session-code',
    ]);
    expect(doc.components.schemas.AgentName.enum).toEqual([
      'GeneralCodingAgent',
      'RepoAgent',
      'FrontEndAgent',
    ]);
    expect(doc.paths['/chat'].post.responses['200'].content).toHaveProperty('application/x-ndjson');
  });

  it('redirects / to the docs', async () => {
    const response = await fetch(`${url}/`, { redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toBe('/docs');
  });
});

describe('startEmulator', () => {
  it('rejects nonsensical options', async () => {
    await expect(startEmulator({ stepBudget: 0 })).rejects.toThrow(/stepBudget/);
    await expect(startEmulator({ paceMs: -1 })).rejects.toThrow(/paceMs/);
  });

  it('close() ends open streams and stops listening', async () => {
    const paced = await startEmulator({ paceMs: 60_000 });
    const { token, sid } = await openSession(paced.url);
    const response = await chat(paced.url, token, { sid, prompt: 'write a factorial function' });
    const reader = response.body?.getReader();
    await reader?.read();
    await paced.close();
    // The stream ends (cleanly) instead of waiting out the pace.
    for (;;) {
      const { done } = (await reader?.read()) ?? { done: true };
      if (done) break;
    }
    await expect(fetch(`${paced.url}/auth`)).rejects.toThrow();
  });
});
