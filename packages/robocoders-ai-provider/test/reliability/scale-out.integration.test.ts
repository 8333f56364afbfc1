import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Redis from 'ioredis';
import { type RunningEmulator, startEmulator } from 'robocoders-emulator';
import { type RunningRedis, startRedisServer } from './redis-server';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const WORKER = fileURLToPath(new URL('./scale-out-worker.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/index.js', import.meta.url));
const BASE = 'scale-out-test';
const TASK = 'Write a factorial function in Python';

interface WorkerResult {
  pid: number;
  text?: string;
  finishReason?: string;
  robocoders?: { sessionId: string };
  error?: string;
}

/** Runs one app instance in its own Node process and returns what it printed. */
function runInstance(job: Record<string, unknown>): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [WORKER, JSON.stringify(job)],
      { cwd: PACKAGE_DIR, timeout: 60_000 },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').at(-1) ?? '';
        try {
          const result = JSON.parse(line) as WorkerResult;
          if (error && result.error === undefined) reject(new Error(`${error.message}\n${stderr}`));
          else resolve(result);
        } catch {
          reject(new Error(`worker printed no result (${error?.message}):\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

describe('scale-out: two processes share one conversation through Redis', () => {
  let redis: RunningRedis;
  let emulator: RunningEmulator;
  let client: Redis;

  beforeAll(async () => {
    if (!existsSync(DIST)) {
      // `turbo run test` builds first; a bare `vitest run` on a fresh clone may not have.
      execFileSync(join(PACKAGE_DIR, 'node_modules', '.bin', 'tsup'), { cwd: PACKAGE_DIR });
    }
    redis = await startRedisServer();
    emulator = await startEmulator({ port: 0, paceMs: 0 });
    client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    client?.disconnect();
    await emulator?.close();
    await redis?.stop();
  });

  it('continues the same session from the second process, sending only the new turn, with one token', async () => {
    const job = {
      baseURL: emulator.url,
      redisUrl: redis.url,
      base: BASE,
      agent: 'GeneralCodingAgent',
      conversationId: 'chat/../42:shared',
    };
    const first = await runInstance({ ...job, messages: [{ role: 'user', content: TASK }] });
    expect(first.error).toBeUndefined();
    expect(first.finishReason).toBe('stop');
    const sessionId = first.robocoders?.sessionId as string;

    const second = await runInstance({
      ...job,
      messages: [
        { role: 'user', content: TASK },
        { role: 'assistant', content: first.text },
        { role: 'user', content: 'Now add tests for it' },
      ],
    });
    expect(second.error).toBeUndefined();
    expect(second.pid).not.toBe(first.pid);
    expect(second.robocoders?.sessionId).toBe(sessionId);

    const chats = emulator.requests.filter((entry) => entry.path === '/chat');
    expect(chats.map((entry) => entry.body)).toEqual([
      { sid: sessionId, prompt: TASK, agent: 'GeneralCodingAgent' },
      { sid: sessionId, prompt: 'Now add tests for it', agent: 'GeneralCodingAgent' },
    ]);
    // One token for both instances, one session for the conversation.
    expect(emulator.requests.filter((entry) => entry.path === '/auth')).toHaveLength(1);
    expect(emulator.requests.filter((entry) => entry.path === '/create-session')).toHaveLength(1);
    expect(new Set(chats.map((entry) => entry.bearer)).size).toBe(1);
    expect(Object.keys(emulator.session(sessionId)?.files ?? {})).toEqual(
      expect.arrayContaining(['factorial.py', 'test_factorial.py']),
    );

    // What Redis holds: namespaced keys without the token, small JSON values.
    const token = chats[0].bearer as string;
    const keys = (await client.keys(`${BASE}:*`)).sort();
    const host = new URL(emulator.url).host;
    expect(keys).toEqual([
      `${BASE}:robocoders:${host}:conversation:chat%2F%2E%2E%2F42%3Ashared`,
      `${BASE}:robocoders:${host}:token`,
    ]);
    for (const key of keys) expect(key).not.toContain(token);
    expect(JSON.parse((await client.get(keys[0])) as string)).toEqual({ sid: sessionId });
    expect(JSON.parse((await client.get(keys[1])) as string)).toEqual({ token });
    // The conversation expires (conversationTtlSeconds, 7 days by default); the token key is
    // overwritten when the token is renewed.
    const ttl = await client.ttl(keys[0]);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(7 * 24 * 60 * 60);
  }, 120_000);

  it('lets a third process start a different conversation in its own session', async () => {
    emulator.clearRequests();
    const third = await runInstance({
      baseURL: emulator.url,
      redisUrl: redis.url,
      base: BASE,
      agent: 'RepoAgent',
      conversationId: 'another-chat',
      messages: [{ role: 'user', content: TASK }],
    });
    expect(third.error).toBeUndefined();
    const sessions = emulator.requests.filter((entry) => entry.path === '/create-session');
    expect(sessions).toHaveLength(1);
    // The token stored by the first process is still used: no new /auth.
    expect(emulator.requests.filter((entry) => entry.path === '/auth')).toHaveLength(0);
    const keys = await client.keys(`${BASE}:*conversation*`);
    expect(keys).toHaveLength(2);
  }, 120_000);
});
