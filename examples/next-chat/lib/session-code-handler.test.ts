import { describe, expect, it } from 'vitest';
import * as route from '../app/api/session-code/route';
import { POST as chat } from './chat-handler';
import { POST } from './session-code-handler';
import { firstChatSid, useAppEmulator } from './test-emulator';

const post = (body: unknown) =>
  POST(
    new Request('http://127.0.0.1/api/session-code', {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

// Generous timeouts: the first call loads the provider and runs a whole turn on a busy machine.
describe('POST /api/session-code', () => {
  const emulator = useAppEmulator();

  it('is the route file’s handler', () => {
    expect(route.POST).toBe(POST);
    expect(route.dynamic).toBe('force-dynamic');
  });

  it('answers the repository of a chat’s session', async () => {
    const answer = await chat(
      new Request('http://127.0.0.1/api/chat', {
        method: 'POST',
        body: JSON.stringify({
          id: 'chat-code',
          messages: [{ role: 'user', content: 'Write a factorial function in Python' }],
          maxContinuations: 0,
        }),
      }),
    );
    await answer.text();
    const sid = firstChatSid(emulator());
    const response = await post({ sessionId: sid, githubUsername: 'octocat' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ repoUrl: `${emulator().url}/workspaces/${sid}` });
    const [request] = emulator().requests.filter((entry) => entry.path === '/get-session-code');
    expect(request.body).toEqual({ sid, github_username: 'octocat' });
  }, 60_000);

  it('answers 400 for a bad body or username, before asking the service', async () => {
    expect((await post('{')).status).toBe(400);
    const missing = await post({ sessionId: 's' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: expect.stringMatching(/githubUsername/) });
    const bad = await post({ sessionId: 's', githubUsername: 'not a name' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: expect.stringMatching(/GitHub username/) });
    expect(emulator().requests).toEqual([]);
  });

  it('answers one readable sentence when the service refuses', async () => {
    const unknown = await post({ sessionId: 'no-such-session', githubUsername: 'octocat' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: expect.stringMatching(/no longer knows this session \(404\)/),
    });
    emulator().fault({ endpoint: '/get-session-code', kind: 'status', status: 503 });
    const down = await post({ sessionId: 'any', githubUsername: 'octocat' });
    expect(down.status).toBe(502);
    expect(await down.json()).toEqual({
      error: 'The Robocoders service is unavailable right now (503). Retry in a moment.',
    });
  }, 60_000);
});
