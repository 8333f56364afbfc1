import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningEmulator, startEmulator } from 'robocoders-emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

/** The UI message stream chunks of a response (`data: {...}` lines). */
async function chunks(response: Response): Promise<Array<Record<string, unknown>>> {
  return (await response.text())
    .split('\n')
    .filter((line) => line.startsWith('data: {'))
    .map((line) => JSON.parse(line.slice('data: '.length)));
}

/** The route as a fresh server process would load it: new provider, same data folder. */
async function freshRoute() {
  vi.resetModules();
  return import('../app/api/chat/route');
}

function ask(POST: (req: Request) => Promise<Response>, chatId: string, id: string, text: string) {
  const message = { id, role: 'user', parts: [{ type: 'text', text }] };
  return POST(
    new Request('http://127.0.0.1/api/chat', {
      method: 'POST',
      body: JSON.stringify({ id: chatId, trigger: 'submit-message', message }),
    }),
  );
}

/** Polls `check` until it returns something (the server's side effects land a moment later). */
async function until<T>(check: () => T | undefined | Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 2000; attempt += 1) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('gave up waiting');
}

describe('POST /api/chat', () => {
  let emulator: RunningEmulator;
  let dataDir: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, paceMs: 0 });
    dataDir = mkdtempSync(join(tmpdir(), 'next-agent-test-'));
    process.env.ROBOCODERS_BASE_URL = emulator.url;
    process.env.AGENT_DATA_DIR = dataDir;
    delete process.env.ROBOCODERS_API_KEY;
    // The first import transforms ai 7 and the route: done here, not inside a test's time.
    await freshRoute();
  });
  afterAll(async () => {
    process.env = saved;
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    emulator.clearRequests();
    emulator.clearFaults();
  });

  it('answers 400 naming the problem, before any upstream request', async () => {
    const { POST } = await freshRoute();
    const notJson = await POST(
      new Request('http://127.0.0.1/api/chat', { method: 'POST', body: '{' }),
    );
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toBe('The request body is not JSON.');
    const retryOfNothing = await POST(
      new Request('http://127.0.0.1/api/chat', {
        method: 'POST',
        body: JSON.stringify({ id: 'empty-chat', trigger: 'regenerate-message' }),
      }),
    );
    expect(retryOfNothing.status).toBe(400);
    expect(emulator.requests).toHaveLength(0);
  });

  it('streams reasoning, each agent step as a dynamic tool part, the text and the metadata', async () => {
    const { POST } = await freshRoute();
    const response = await ask(POST, 'chat-a', 'q1', 'Write a factorial function in Python');
    expect(response.headers.get('x-vercel-ai-ui-message-stream')).toBe('v1');
    const parts = await chunks(response);
    const types = new Set(parts.map((part) => part.type));
    for (const type of [
      'reasoning-delta',
      'tool-input-available',
      'tool-output-available',
      'text-delta',
    ]) {
      expect(types).toContain(type);
    }
    expect(types).not.toContain('error');
    const calls = parts.filter((part) => part.type === 'tool-input-available');
    expect(calls.map((call) => call.toolName)).toEqual(['delegate', 'run_ipython', 'run']);
    expect(calls.every((call) => call.dynamic === true && call.providerExecuted === true)).toBe(
      true,
    );
    const [chat] = emulator.requests.filter((entry) => entry.path === '/chat');
    const metadata = Object.assign(
      {},
      ...parts.flatMap((part) => (part.messageMetadata ? [part.messageMetadata] : [])),
    );
    expect(metadata).toEqual({
      agent: 'GeneralCodingAgent',
      sessionId: (chat?.body as { sid?: string } | undefined)?.sid,
      awaitingInput: true,
      finishReason: 'stop',
      // The emulator's events carry usage and cost (the OpenHands envelope).
      usage: { inputTokens: expect.any(Number), outputTokens: expect.any(Number) },
      costUsd: expect.any(Number),
    });
  });

  it('a turn goes on when its page goes away, and its answer is saved when it ends', async () => {
    const { POST } = await freshRoute();
    const response = await ask(POST, 'chat-gone', 'q1', 'Please do a long task 4');
    // The page is closed after the first bytes.
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    await reader.cancel();
    const { getChatStore } = await import('./chat-store');
    const stored = await until(async () => {
      const chat = await getChatStore().load('chat-gone');
      return chat?.activeTurnId === undefined && chat?.messages.length === 2 ? chat : undefined;
    });
    expect(stored.messages[1]?.metadata?.finishReason).toBe('stop');
    expect(JSON.stringify(stored.messages[1]?.parts)).toMatch(/all 4 steps of the long task/);
    const chats = emulator.requests.filter((entry) => entry.path === '/chat');
    expect(chats.map((entry) => entry.clientAborted ?? false)).toEqual([false]);
  });

  it('a turn that fails is saved as far as it got, marked failed, and the chat is free again', async () => {
    const { POST } = await freshRoute();
    // streamText retries a 503 twice on its own; the third failure ends the turn.
    emulator.fault({ endpoint: '/chat', kind: 'status', status: 503, times: 3 });
    const parts = await chunks(await ask(POST, 'chat-failed', 'q1', 'Write a factorial function'));
    expect(parts.find((part) => part.type === 'error')?.errorText).toMatch(/unavailable .*503/);
    const { getChatStore } = await import('./chat-store');
    const stored = await until(async () => {
      const chat = await getChatStore().load('chat-failed');
      return chat?.activeTurnId === undefined ? chat : undefined;
    });
    expect(stored.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(stored.messages[1]?.metadata).toMatchObject({ failed: true });
    const retry = await POST(
      new Request('http://127.0.0.1/api/chat', {
        method: 'POST',
        body: JSON.stringify({ id: 'chat-failed', trigger: 'regenerate-message' }),
      }),
    );
    expect(retry.status).toBe(200);
    expect((await chunks(retry)).some((part) => part.type === 'text-delta')).toBe(true);
  });

  it('resumes a running turn, refuses a second message, and Stop stops it for every reader', async () => {
    const { POST } = await freshRoute();
    const { resumeTurn, stopTurn } = await import('./chat-handler');
    // Slowed down so the turn is still running while the test acts.
    emulator.fault({ endpoint: '/chat', kind: 'slow-drip', delayMs: 50 });
    const response = await ask(POST, 'chat-stop', 'q1', 'Please do a long task 200');
    const first = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const readText = async () => {
      const { done, value } = await first.read();
      return done ? undefined : decoder.decode(value, { stream: true });
    };
    let seen = '';
    while (!seen.includes('tool-input-available')) seen += (await readText()) ?? '';

    const { getChatStore } = await import('./chat-store');
    const running = await until(async () => {
      const chat = await getChatStore().load('chat-stop');
      return chat?.messages.length === 2 ? chat : undefined;
    });
    expect(running.activeTurnId).toBeDefined();
    expect(running.messages[1]?.role).toBe('assistant');

    const resumed = await resumeTurn('chat-stop');
    expect(resumed.status).toBe(200);
    const refused = await ask(POST, 'chat-stop', 'q2', 'And another thing');
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/still working on this chat/);

    expect((await stopTurn('chat-stop')).status).toBe(202);
    const rest = async () => {
      let text = '';
      for (let piece = await readText(); piece !== undefined; piece = await readText())
        text += piece;
      return text;
    };
    const [firstRest, resumedText] = await Promise.all([rest(), resumed.text()]);
    for (const text of [firstRest, resumedText]) {
      expect(text).toMatch(/"type":"abort"/);
      expect(text).toMatch(/"stopped":true/);
    }
    expect(resumedText).toMatch(/tool-input-available/);
    const aborted = await until(() =>
      emulator.requests.find((entry) => entry.path === '/chat' && entry.clientAborted),
    );
    expect(aborted.body).toMatchObject({ prompt: 'Please do a long task 200' });
    const stopped = await until(async () => {
      const chat = await getChatStore().load('chat-stop');
      return chat?.activeTurnId === undefined ? chat : undefined;
    });
    expect(stopped.messages[1]?.metadata?.stopped).toBe(true);
    expect(stopped.messages[1]?.parts.length).toBeGreaterThan(0);
    expect((await stopTurn('chat-stop')).status).toBe(409);
    expect((await resumeTurn('chat-stop')).status).toBe(204);
  });

  it('keeps the chat and its session across a restart: the follow-up goes to the same session', async () => {
    const first = await freshRoute();
    await (await ask(first.POST, 'chat-b', 'q1', 'Write a factorial function in Python')).text();
    const second = await freshRoute();
    await (await ask(second.POST, 'chat-b', 'q2', 'Now add tests for it.')).text();

    const chats = emulator.requests.filter((entry) => entry.path === '/chat');
    const bodies = chats.map((entry) => entry.body as { sid: string; prompt: string });
    expect(new Set(bodies.map((body) => body.sid)).size).toBe(1);
    expect(bodies.map((body) => body.prompt)).toEqual([
      'Write a factorial function in Python',
      'Now add tests for it.',
    ]);
    expect(emulator.requests.filter((entry) => entry.path === '/create-session')).toHaveLength(1);
    // The token was kept too: no restart fetched another one (the first test's is in the store).
    expect(emulator.requests.filter((entry) => entry.path === '/auth')).toHaveLength(0);

    const { getChatStore } = await import('./chat-store');
    const stored = await getChatStore().load('chat-b');
    expect(stored?.messages.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(stored?.title).toBe('Write a factorial function in Python');
  });
});
