import { describe, expect, it } from 'vitest';
import { startEmulator } from './emulator-server.js';
import {
  bearer,
  chat,
  chatEvents,
  eventually,
  fetchToken,
  openSession,
  postJson,
  useEmulator,
} from './test-support.js';

describe('request log', () => {
  it('records method, path, bearer, body, status and times', async () => {
    const lines: string[] = [];
    const emulator = await startEmulator({ log: (line) => lines.push(line) });
    try {
      const { url } = emulator;
      const { token, sid } = await openSession(url);
      await chatEvents(url, token, { sid, prompt: 'hi' });
      await postJson(url, '/chat', 'not json', bearer(token));
      await fetch(`${url}/chat?debug=1`, { method: 'GET' });
      await eventually(
        () => emulator.requests.every((r) => r.endedAt !== undefined),
        'all requests to end',
      );

      const entries = emulator.requests.map(({ startedAt, endedAt, ...rest }) => {
        expect(endedAt).toBeGreaterThanOrEqual(startedAt);
        return rest;
      });
      expect(entries).toEqual([
        {
          id: 1,
          method: 'GET',
          path: '/auth',
          bearer: null,
          body: null,
          status: 200,
          clientAborted: false,
        },
        {
          id: 2,
          method: 'GET',
          path: '/create-session',
          bearer: token,
          body: null,
          status: 200,
          clientAborted: false,
        },
        {
          id: 3,
          method: 'POST',
          path: '/chat',
          bearer: token,
          body: { sid, prompt: 'hi' },
          status: 200,
          clientAborted: false,
        },
        {
          id: 4,
          method: 'POST',
          path: '/chat',
          bearer: token,
          body: 'not json',
          status: 422,
          clientAborted: false,
        },
        {
          id: 5,
          method: 'GET',
          path: '/chat',
          bearer: null,
          body: null,
          status: 405,
          clientAborted: false,
        },
      ]);

      // The access log names every request, and never a token.
      expect(lines).toHaveLength(5);
      expect(lines[2]).toMatch(/ POST \/chat 200 \d+ms$/);
      expect(lines.join('\n')).not.toContain(token);

      emulator.clearRequests();
      expect(emulator.requests).toEqual([]);
    } finally {
      await emulator.close();
    }
  });

  it('does not log the control endpoints', async () => {
    const emulator = await startEmulator();
    try {
      await fetch(`${emulator.url}/__emulator/requests`);
      expect(emulator.requests).toEqual([]);
    } finally {
      await emulator.close();
    }
  });
});

const paced = await useEmulator({ paceMs: 40 });

describe('clientAborted', () => {
  it('is set when the client goes away mid-stream, and the turn stops on the server', async () => {
    const { token, sid } = await openSession(paced.url);
    paced.clearRequests();
    const controller = new AbortController();
    const response = await chat(
      paced.url,
      token,
      { sid, prompt: 'long task 200' },
      controller.signal,
    );
    const reader = response.body?.getReader();
    await reader?.read();
    controller.abort();

    const entry = paced.requests[0];
    await eventually(() => entry?.clientAborted === true, 'clientAborted');
    expect(entry?.endedAt).toBeGreaterThanOrEqual(entry?.startedAt ?? Number.POSITIVE_INFINITY);
    expect(entry?.status).toBe(200);

    // The paced turn stopped: a later prompt gets the next ids, with no abandoned steps in between.
    const historyAfterAbort = paced.session(sid)?.events.length ?? 0;
    const next = await chatEvents(paced.url, token, { sid, prompt: 'continue' });
    expect(paced.session(sid)?.events.length).toBe(historyAfterAbort + next.length + 3);
    expect(next).toHaveLength(1);
  });

  it('stays false for a response read to the end', async () => {
    const { token, sid } = await openSession(paced.url);
    paced.clearRequests();
    await chatEvents(paced.url, token, { sid, prompt: 'help' });
    const entry = paced.requests[0];
    await eventually(() => entry?.endedAt !== undefined, 'the request to end');
    expect(entry?.clientAborted).toBe(false);
  });

  it('is set when the client hangs up on a held-open stream', async () => {
    const token = await fetchToken(paced.url);
    paced.clearRequests();
    paced.fault({ endpoint: '/chat', kind: 'hold-open' });
    const { sid } = await openSession(paced.url);
    const controller = new AbortController();
    const response = await chat(paced.url, token, { sid, prompt: 'help' }, controller.signal);
    await response.body?.getReader().read();
    controller.abort();
    const entry = paced.requests.find((r) => r.path === '/chat');
    await eventually(() => entry?.clientAborted === true, 'clientAborted on a held stream');
  });
});
