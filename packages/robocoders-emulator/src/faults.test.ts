import { afterEach, describe, expect, it } from 'vitest';
import { parseFaultSpec } from './faults.js';
import {
  bearer,
  chat,
  chatEvents,
  concatBytes,
  createSession,
  eventually,
  fetchToken,
  isWaitEvent,
  openSession,
  parseNdjson,
  postJson,
  readChunks,
  useEmulator,
} from './test-support.js';
import type { RobocodersEvent } from './types.js';

const emulator = await useEmulator();
const { url } = emulator;
const PROMPT = 'write a factorial function';

afterEach(() => emulator.clearFaults());

/** Events without what legitimately differs between two sessions. */
const comparable = (events: RobocodersEvent[]) =>
  events.map(({ timestamp: _t, sid: _s, ...rest }) => rest);

async function referenceTurn(): Promise<RobocodersEvent[]> {
  const { token, sid } = await openSession(url);
  return chatEvents(url, token, { sid, prompt: PROMPT });
}

describe('status', () => {
  it('answers with the status and {"detail": <reason>} by default', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'status', status: 503 });
    const response = await chat(url, token, { sid, prompt: PROMPT });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ detail: 'Service Unavailable' });
    // One request only (times defaults to 1).
    expect((await chat(url, token, { sid, prompt: PROMPT })).status).toBe(200);
  });

  it('sends any body and headers', async () => {
    emulator.fault({
      endpoint: '/auth',
      kind: 'status',
      status: 429,
      body: 'slow down',
      headers: { 'retry-after': '7' },
    });
    const response = await fetch(`${url}/auth`);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(await response.text()).toBe('slow down');

    emulator.fault({
      endpoint: '/create-session',
      kind: 'status',
      status: 500,
      body: { error: 'boom' },
    });
    const token = await fetchToken(url);
    const failed = await fetch(`${url}/create-session`, { headers: bearer(token) });
    expect([failed.status, await failed.json()]).toEqual([500, { error: 'boom' }]);
  });

  it('skips the first matching requests and affects `times` of them', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'status', status: 502, skip: 1, times: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const response = await chat(url, token, { sid, prompt: 'continue' });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 502, 502, 200]);
  });

  it('matches any endpoint with "*"', async () => {
    emulator.fault({ endpoint: '*', kind: 'status', status: 500 });
    expect((await fetch(`${url}/auth`)).status).toBe(500);
    expect((await fetch(`${url}/auth`)).status).toBe(200);
  });
});

describe('malformed-lines', () => {
  it('puts a non-JSON line before every event', async () => {
    const reference = await referenceTurn();
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'malformed-lines' });
    const text = await (await chat(url, token, { sid, prompt: PROMPT })).text();
    const lines = text.split('\n').filter((line) => line !== '');
    const bad = lines.filter((line) => {
      try {
        JSON.parse(line);
        return false;
      } catch {
        return true;
      }
    });
    const good = lines.filter((line) => !bad.includes(line)).map((l) => JSON.parse(l));
    expect(bad).toHaveLength(reference.length);
    expect(comparable(good)).toEqual(comparable(reference));
  });
});

describe('byte-split', () => {
  it('delivers tiny pieces that reassemble into the same UTF-8 text', async () => {
    const reference = await referenceTurn();
    expect(JSON.stringify(reference)).toMatch(/[^\p{ASCII}]/u);
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'byte-split', maxChunkBytes: 2 });
    const response = await chat(url, token, { sid, prompt: PROMPT });
    expect(response.headers.get('x-emulator-faults')).toBe('byte-split');
    const chunks = await readChunks(response);
    expect(chunks.length).toBeGreaterThan(1);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(concatBytes(chunks));
    expect(comparable(parseNdjson(text))).toEqual(comparable(reference));
  });
});

describe('sse', () => {
  it('frames events as `data: {...}` blocks with the event-stream content type', async () => {
    const reference = await referenceTurn();
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'sse' });
    const response = await chat(url, token, { sid, prompt: PROMPT });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const blocks = (await response.text()).split('\n\n').filter((b) => b !== '');
    expect(blocks.every((block) => block.startsWith('data: '))).toBe(true);
    const events = blocks.map((block) => JSON.parse(block.slice('data: '.length)));
    expect(comparable(events)).toEqual(comparable(reference));
  });

  it('combines with other faults', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'sse' });
    emulator.fault({ endpoint: '/chat', kind: 'malformed-lines' });
    const response = await chat(url, token, { sid, prompt: PROMPT });
    expect(response.headers.get('x-emulator-faults')).toBe('sse,malformed-lines');
    const blocks = (await response.text()).split('\n\n').filter((b) => b !== '');
    expect(blocks.every((block) => block.startsWith('data: '))).toBe(true);
  });
});

describe('slow-drip', () => {
  it('trickles the same events in pieces', async () => {
    const reference = await referenceTurn();
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'slow-drip', delayMs: 1 });
    const response = await chat(url, token, { sid, prompt: PROMPT });
    expect(response.headers.get('x-emulator-faults')).toBe('slow-drip');
    expect(comparable(parseNdjson(await response.text()))).toEqual(comparable(reference));
  });
});

describe('hold-open', () => {
  it('keeps the stream open after the wait event until the next prompt on that sid', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'hold-open' });
    emulator.clearRequests();
    const response = await chat(url, token, { sid, prompt: PROMPT });
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    while (!parseNdjson(text.slice(0, text.lastIndexOf('\n') + 1)).some(isWaitEvent)) {
      const { done, value } = await reader.read();
      if (done) throw new Error('The stream ended at the wait event');
      text += decoder.decode(value, { stream: true });
    }
    let nextPromptSent = false;
    const ended = reader.read().then((result) => ({ ...result, afterNextPrompt: nextPromptSent }));
    // A round trip later the held stream is still open on the server.
    await createSession(url, token);
    const held = emulator.requests.find((r) => r.path === '/chat');
    expect(held?.endedAt).toBeUndefined();
    nextPromptSent = true;
    const next = await chatEvents(url, token, { sid, prompt: 'now add tests' });
    expect(next.at(-1) && isWaitEvent(next.at(-1) as RobocodersEvent)).toBe(true);
    expect(await ended).toMatchObject({ done: true, afterNextPrompt: true });
    await eventually(() => held?.endedAt !== undefined, 'the held request to end');
    expect(held?.clientAborted).toBe(false);
  });
});

describe('cut', () => {
  it('destroys the connection after some events: the client read rejects', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'cut', afterEvents: 2 });
    emulator.clearRequests();
    const response = await chat(url, token, { sid, prompt: PROMPT });
    expect(response.status).toBe(200);
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        text += decoder.decode(value, { stream: true });
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(parseNdjson(text)).toHaveLength(2);
    const entry = emulator.requests.find((r) => r.path === '/chat');
    await eventually(() => entry?.endedAt !== undefined, 'the cut request to end');
    expect(entry?.clientAborted).toBe(false);
  });

  it('can cut before the first event', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'cut', afterEvents: 0 });
    const response = await chat(url, token, { sid, prompt: PROMPT });
    await expect(response.text()).rejects.toThrow();
  });
});

describe('revoke-tokens', () => {
  it('revokes every token, so this request and later ones with old tokens get 401', async () => {
    const token = await fetchToken(url);
    emulator.fault({ endpoint: '/create-session', kind: 'revoke-tokens' });
    expect((await fetch(`${url}/create-session`, { headers: bearer(token) })).status).toBe(401);
    expect((await fetch(`${url}/create-session`, { headers: bearer(token) })).status).toBe(401);
    expect(await createSession(url, await fetchToken(url))).toMatch(/-/);
  });
});

describe('forget-session', () => {
  it("forgets the request's sid, so it gets 404 from now on", async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'forget-session' });
    expect((await chat(url, token, { sid, prompt: PROMPT })).status).toBe(404);
    expect(emulator.session(sid)).toBeUndefined();
    const code = await postJson(
      url,
      '/get-session-code',
      { sid, github_username: 'x' },
      bearer(token),
    );
    expect(code.status).toBe(404);
  });
});

describe('parseFaultSpec', () => {
  it.each([
    [null, /must be an object/],
    [{ endpoint: '/nope', kind: 'sse' }, /endpoint must be one of/],
    [{ endpoint: '/chat', kind: 'explode' }, /kind must be one of/],
    [{ endpoint: '/auth', kind: 'sse' }, /does not apply to \/auth/],
    [{ endpoint: '/chat', kind: 'status', status: 99 }, /status between 200 and 599/],
    [
      { endpoint: '/chat', kind: 'status', status: 500, times: 0 },
      /'times' must be an integer >= 1/,
    ],
    [{ endpoint: '/chat', kind: 'byte-split', maxChunkBytes: 0 }, /maxChunkBytes/],
    [{ endpoint: '/chat', kind: 'status', status: 500, headers: { a: 1 } }, /headers/],
  ])('rejects %j', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
    expect(() => emulator.fault(spec as never)).toThrow(TypeError);
  });
});
