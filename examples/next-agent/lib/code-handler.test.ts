import { describe, expect, it } from 'vitest';
import { POST } from './code-handler';

const post = (body: unknown) =>
  POST(new Request('http://127.0.0.1/api/code', { method: 'POST', body: JSON.stringify(body) }));

describe('POST /api/code', () => {
  it('refuses a username GitHub would not accept, or a bad chat id', async () => {
    const response = await post({ chatId: 'chat-1', githubUsername: '-bad-' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/githubUsername: not a GitHub username/);
    expect((await post({ chatId: '../x', githubUsername: 'octocat' })).status).toBe(400);
  });

  it('says so when the chat has no agent session yet, before any request', async () => {
    const response = await post({ chatId: 'chat-without-a-session', githubUsername: 'octocat' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/chat-without-a-session/);
  });
});
