import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestRepoUrl } from './get-code';

function answer(status: number, body: string) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body, { status })),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('requestRepoUrl', () => {
  it('posts the body as JSON and returns the repository URL', async () => {
    answer(200, JSON.stringify({ repoUrl: 'http://x/workspaces/s-1' }));
    await expect(requestRepoUrl('/api/code', { chatId: 'c' })).resolves.toBe(
      'http://x/workspaces/s-1',
    );
    expect(fetch).toHaveBeenCalledWith('/api/code', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"chatId":"c"}',
    });
  });

  it("throws the route's own sentence", async () => {
    answer(502, JSON.stringify({ error: 'The Robocoders service is busy (429).' }));
    await expect(requestRepoUrl('/api/code', {})).rejects.toThrow(
      'The Robocoders service is busy (429).',
    );
  });

  it('names the status when the answer is not the route’s JSON', async () => {
    answer(504, '<html>Gateway Timeout</html>');
    await expect(requestRepoUrl('/api/code', {})).rejects.toThrow('The app answered 504.');
    answer(200, JSON.stringify({}));
    await expect(requestRepoUrl('/api/code', {})).rejects.toThrow('The app answered 200.');
  });

  it('says the app server cannot be reached when the request never arrives', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(requestRepoUrl('/api/code', {})).rejects.toThrow(
      /^Could not reach the app server\./,
    );
  });
});
