import { afterEach, describe, expect, it } from 'vitest';
import {
  bearer,
  chat,
  chatEvents,
  fetchToken,
  openSession,
  postJson,
  useEmulator,
} from './test-support.js';

const emulator = await useEmulator();
const { url } = emulator;
const control = `${url}/__emulator`;

afterEach(() => emulator.clearFaults());

describe('/__emulator controls', () => {
  it('POST /faults queues one fault or several, without a token', async () => {
    const response = await postJson(url, '/__emulator/faults', [
      { endpoint: '/auth', kind: 'status', status: 503 },
      { endpoint: '/auth', kind: 'status', status: 504, skip: 1 },
    ]);
    expect(response.status).toBe(201);
    expect((await response.json()).queued).toHaveLength(2);
    expect((await fetch(`${url}/auth`)).status).toBe(503);
    expect((await fetch(`${url}/auth`)).status).toBe(504);
    expect((await fetch(`${url}/auth`)).status).toBe(200);
  });

  it('POST /faults answers 422 naming the problem', async () => {
    const response = await postJson(url, '/__emulator/faults', { endpoint: '/chat', kind: 'nope' });
    expect(response.status).toBe(422);
    expect((await response.json()).detail).toMatch(/kind must be one of/);
    expect((await postJson(url, '/__emulator/faults', '{oops')).status).toBe(422);
  });

  it('DELETE /faults drops queued faults', async () => {
    await postJson(url, '/__emulator/faults', { endpoint: '/auth', kind: 'status', status: 500 });
    expect((await fetch(`${control}/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${url}/auth`)).status).toBe(200);
  });

  it('GET and DELETE /requests expose and empty the request log', async () => {
    await fetch(`${control}/requests`, { method: 'DELETE' });
    const token = await fetchToken(url);
    const log = await (await fetch(`${control}/requests`)).json();
    expect(log).toEqual([expect.objectContaining({ method: 'GET', path: '/auth', status: 200 })]);
    await fetch(`${url}/create-session`, { headers: bearer(token) });
    expect(await (await fetch(`${control}/requests`)).json()).toHaveLength(2);
    expect((await fetch(`${control}/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(await (await fetch(`${control}/requests`)).json()).toEqual([]);
  });

  it('POST /revoke-tokens revokes every token issued so far', async () => {
    const token = await fetchToken(url);
    expect((await fetch(`${control}/revoke-tokens`, { method: 'POST' })).status).toBe(204);
    const response = await fetch(`${url}/create-session`, { headers: bearer(token) });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail: 'Could not validate credentials' });
  });

  it('POST /forget-session makes that sid 404', async () => {
    const { token, sid } = await openSession(url);
    expect((await postJson(url, '/__emulator/forget-session', { sid })).status).toBe(204);
    expect((await chat(url, token, { sid, prompt: 'hi' })).status).toBe(404);
    expect((await postJson(url, '/__emulator/forget-session', {})).status).toBe(422);
  });

  it('GET /sessions/{sid} shows the session', async () => {
    const { token, sid } = await openSession(url);
    await chatEvents(url, token, { sid, prompt: 'write a factorial function' });
    const view = await (await fetch(`${control}/sessions/${sid}`)).json();
    expect(view).toMatchObject({
      sid,
      agent: 'GeneralCodingAgent',
      prompts: ['write a factorial function'],
    });
    expect(Object.keys(view.files)).toEqual(['factorial.py']);
    expect((await fetch(`${control}/sessions/unknown`)).status).toBe(404);
  });
});
