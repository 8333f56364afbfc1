import { afterEach, describe, expect, it } from 'vitest';
import { parseFaultSpec } from './faults.js';
import {
  chat,
  chatEvents,
  createSession,
  eventually,
  isWaitEvent,
  openSession,
  parseNdjson,
  useEmulator,
} from './test-support.js';
import type { RobocodersEvent } from './types.js';

const emulator = await useEmulator({ stepBudget: 3 });
const { url } = emulator;
const PROMPT = 'write a factorial function';

afterEach(() => emulator.clearFaults());

/** Reads a body until `until` holds for the text so far; the reader stays open. */
async function readUntil(response: Response, until: (text: string) => boolean) {
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no body');
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  while (!until(text)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`The stream ended early after: ${text.slice(0, 300)}`);
    bytes += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  return { reader, text, bytes };
}

const completeLines = (text: string) => parseNdjson(text.slice(0, text.lastIndexOf('\n') + 1));
const lastChat = () => emulator.requests.filter((r) => r.path === '/chat').at(-1);

describe('mislabelled-framing', () => {
  it('serves NDJSON lines as text/event-stream', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'mislabelled-framing' });
    const response = await chat(url, token, { sid, prompt: 'hi' });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-emulator-faults')).toBe('mislabelled-framing');
    const events = parseNdjson(await response.text());
    expect(events.at(-1) && isWaitEvent(events.at(-1) as RobocodersEvent)).toBe(true);
  });

  it('serves SSE frames as application/x-ndjson, combined with sse', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'sse' });
    emulator.fault({ endpoint: '/chat', kind: 'mislabelled-framing' });
    const response = await chat(url, token, { sid, prompt: PROMPT });
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const blocks = (await response.text()).split('\n\n').filter((b) => b !== '');
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.every((block) => block.startsWith('data: {'))).toBe(true);
  });

  it('uses the content type it is given', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'sse' });
    emulator.fault({
      endpoint: '/chat',
      kind: 'mislabelled-framing',
      contentType: 'application/json',
    });
    const response = await chat(url, token, { sid, prompt: PROMPT });
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toMatch(/^data: \{/);
  });
});

describe('pause-error-only', () => {
  it('announces the step-budget pause with the error observation alone and holds the stream', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'pause-error-only' });
    emulator.clearRequests();
    const response = await chat(url, token, { sid, prompt: 'long task 4' });
    expect(response.headers.get('x-emulator-faults')).toBe('pause-error-only');
    const { reader, text } = await readUntil(response, (t) =>
      completeLines(t).some((e) => 'observation' in e && e.observation === 'error'),
    );
    const events = completeLines(text);
    expect(events.at(-1)).toMatchObject({
      observation: 'error',
      content: expect.stringMatching(
        /^Agent reached maximum iteration, task paused\. Current iteration: 3, max iteration: 3\./,
      ),
    });
    // A round trip later the stream is still open and nothing more came.
    await createSession(url, token);
    const held = emulator.requests.find((r) => r.path === '/chat');
    expect(held?.endedAt).toBeUndefined();
    expect(emulator.session(sid)?.events.at(-1)).toMatchObject({
      observation: 'agent_state_changed',
      extras: { agent_state: 'paused' },
    });

    // The continuation releases it and resumes the remaining steps.
    const ended = reader.read();
    const resumed = await chatEvents(url, token, { sid, prompt: 'continue' });
    expect(await ended).toMatchObject({ done: true });
    expect(resumed.some((e) => 'action' in e && e.action === 'run')).toBe(true);
    expect(isWaitEvent(resumed.at(-1) as RobocodersEvent)).toBe(true);
    await eventually(() => held?.endedAt !== undefined, 'the held request to end');
    expect(held?.clientAborted).toBe(false);
  });

  it('leaves a turn that does not pause alone', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'pause-error-only' });
    const events = parseNdjson(await (await chat(url, token, { sid, prompt: 'hi' })).text());
    expect(isWaitEvent(events.at(-1) as RobocodersEvent)).toBe(true);
  });
});

describe('stall', () => {
  it('goes silent after the first event with the connection open, until the client leaves', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'stall' });
    emulator.clearRequests();
    const controller = new AbortController();
    const response = await chat(url, token, { sid, prompt: PROMPT }, controller.signal);
    const { reader, text } = await readUntil(response, (t) => completeLines(t).length >= 1);
    expect(completeLines(text)).toHaveLength(1);
    await createSession(url, token);
    const stalled = lastChat();
    expect(stalled?.endedAt).toBeUndefined();
    // Even a new prompt on the session does not wake it.
    await chatEvents(url, token, { sid, prompt: 'hi' });
    expect(stalled?.endedAt).toBeUndefined();
    controller.abort();
    await reader.closed.catch(() => undefined);
    await eventually(() => stalled?.endedAt !== undefined, 'the stalled request to end');
    expect(stalled?.clientAborted).toBe(true);
  });

  it('can stall before the first event', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'stall', afterEvents: 0 });
    const controller = new AbortController();
    const response = await chat(url, token, { sid, prompt: PROMPT }, controller.signal);
    expect(response.status).toBe(200);
    const read = response.body?.getReader().read();
    await createSession(url, token);
    controller.abort();
    await expect(read).rejects.toThrow();
  });
});

describe('endless-line', () => {
  it('streams bytes without a newline until the client closes', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'endless-line' });
    emulator.clearRequests();
    const controller = new AbortController();
    const response = await chat(url, token, { sid, prompt: PROMPT }, controller.signal);
    const firstLine = await readUntil(response, (t) => t.includes('\n'));
    const newlineAt = firstLine.text.indexOf('\n');
    const { reader } = firstLine;
    let tail = firstLine.text.slice(newlineAt + 1);
    let received = firstLine.bytes;
    const decoder = new TextDecoder();
    while (received < 4 * 1024 * 1024) {
      const { done, value } = await reader.read();
      if (done) throw new Error('The endless line ended');
      received += value.byteLength;
      const piece = decoder.decode(value, { stream: true });
      expect(piece.includes('\n')).toBe(false);
      if (tail.length < 64) tail += piece;
    }
    expect(parseNdjson(firstLine.text.slice(0, newlineAt + 1))).toHaveLength(1);
    expect(tail).toMatch(/^\{"id": 0, "source": "agent", "message": "x+/);
    const entry = lastChat();
    controller.abort();
    await reader.closed.catch(() => undefined);
    await eventually(() => entry?.endedAt !== undefined, 'the endless request to end');
    expect(entry?.clientAborted).toBe(true);
  });

  it('gives up after maxBytes with a cut, in SSE framing too', async () => {
    const { token, sid } = await openSession(url);
    emulator.fault({ endpoint: '/chat', kind: 'sse' });
    emulator.fault({ endpoint: '/chat', kind: 'endless-line', afterEvents: 0, maxBytes: 200_000 });
    const response = await chat(url, token, { sid, prompt: PROMPT });
    const reader = response.body?.getReader();
    if (!reader) throw new Error('no body');
    let received = 0;
    let head = '';
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        received += value.byteLength;
        if (head.length < 16) head += new TextDecoder().decode(value.subarray(0, 16));
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(received).toBe(200_000);
    expect(head).toMatch(/^data: \{"id"/);
  });
});

describe('a failing continuation (status and cut faults with skip: 1)', () => {
  async function answeredTurn() {
    const { token, sid } = await openSession(url);
    const events = await chatEvents(url, token, { sid, prompt: 'hi' });
    expect(isWaitEvent(events.at(-1) as RobocodersEvent)).toBe(true);
    return { token, sid };
  }

  it.each([500, 503])('answers the continuation with %i', async (status) => {
    emulator.fault({ endpoint: '/chat', kind: 'status', status, skip: 1 });
    const { token, sid } = await answeredTurn();
    const continuation = await chat(url, token, { sid, prompt: 'continue' });
    expect(continuation.status).toBe(status);
    await continuation.arrayBuffer();
  });

  it('cuts the continuation', async () => {
    emulator.fault({ endpoint: '/chat', kind: 'cut', afterEvents: 0, skip: 1 });
    const { token, sid } = await answeredTurn();
    const continuation = await chat(url, token, { sid, prompt: 'continue' });
    expect(continuation.status).toBe(200);
    await expect(continuation.text()).rejects.toThrow();
  });
});

describe('parseFaultSpec (edge faults)', () => {
  it.each([
    [{ endpoint: '/auth', kind: 'stall' }, /does not apply to \/auth/],
    [
      { endpoint: '/chat', kind: 'stall', afterEvents: -1 },
      /'afterEvents' must be an integer >= 0/,
    ],
    [
      { endpoint: '/chat', kind: 'endless-line', maxBytes: 0 },
      /'maxBytes' must be an integer >= 1/,
    ],
    [{ endpoint: '/chat', kind: 'mislabelled-framing', contentType: 'a\nb' }, /contentType/],
    [{ endpoint: '/chat', kind: 'mislabelled-framing', contentType: 7 }, /contentType/],
  ])('rejects %j', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });

  it('accepts every edge fault', () => {
    for (const kind of [
      'mislabelled-framing',
      'pause-error-only',
      'stall',
      'endless-line',
      'openhands-envelope',
    ]) {
      expect(parseFaultSpec({ endpoint: '/chat', kind })).toEqual({ endpoint: '/chat', kind });
    }
  });
});

// An emulator that streams no envelope of its own, for the fault that switches it on.
const plain = await useEmulator({ stepBudget: 3, openHandsEnvelope: false });

describe('openhands-envelope', () => {
  it('streams the envelope for one request of an emulator that streams none', async () => {
    const { token, sid } = await openSession(plain.url);
    const bare = parseNdjson(await (await chat(plain.url, token, { sid, prompt: PROMPT })).text());
    expect(bare.some((event) => event.source === 'user')).toBe(false);
    const other = await createSession(plain.url, token);
    plain.fault({ endpoint: '/chat', kind: 'openhands-envelope' });
    const response = await chat(plain.url, token, { sid: other, prompt: PROMPT });
    expect(response.headers.get('x-emulator-faults')).toBe('openhands-envelope');
    const events = parseNdjson(await response.text());
    // The user's echo and environment events: what the envelope adds.
    expect(events.some((event) => event.source === 'user')).toBe(true);
    expect(events.some((event) => event.source === 'environment')).toBe(true);
    expect(events.length).toBeGreaterThan(bare.length);
  });
});
