import { type RunningEmulator, startEmulator } from 'robocoders-emulator';
import { createStorage } from 'unstorage';
import redisDriver from 'unstorage/drivers/redis';
import { ENTRIES, entryProvider, otherWarnings } from '../integration/entry-calls';
import { type RunningRedis, startRedisServer } from './redis-server';

const TASK = 'Write a factorial function in Python';

describe.each(ENTRIES)('a Redis store that goes down, through the %s entry', (entry) => {
  let emulator: RunningEmulator;
  let redis: RunningRedis;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, paceMs: 0 });
    redis = await startRedisServer();
  }, 60_000);

  afterAll(async () => {
    await emulator?.close();
    await redis?.stop();
  });

  it('goes on in a new session with the whole conversation, and says so', async () => {
    const store = createStorage({
      // Once Redis is gone, fail at once instead of reconnecting until it is back.
      driver: redisDriver({ url: redis.url, base: 'outage', retryStrategy: () => null }),
    });
    const robocoders = entryProvider(entry, { baseURL: emulator.url, store, maxContinuations: 0 });
    const options = { conversationId: 'outage' };
    try {
      const first = await robocoders.generate(
        'RepoAgent',
        [{ role: 'user', content: TASK }],
        options,
      );
      expect(otherWarnings(first)).toEqual([]);

      await redis.stop();
      const second = await robocoders.generate(
        'RepoAgent',
        [
          { role: 'user', content: TASK },
          { role: 'assistant', content: 'Done.' },
          { role: 'user', content: 'Add tests' },
        ],
        options,
      );

      expect(second.robocoders.sessionId).not.toBe(first.robocoders.sessionId);
      const chats = emulator.requests.filter((request) => request.path === '/chat');
      expect(chats.at(-1)?.body).toEqual({
        sid: second.robocoders.sessionId,
        prompt: `User: ${TASK}\nAssistant: Done.\nUser: Add tests\nAssistant:`,
        agent: 'RepoAgent',
      });
      expect(otherWarnings(second)).toEqual([
        expect.stringMatching(/^the store failed to read ".*:conversation:outage": /),
        expect.stringMatching(/^the store failed to write ".*:conversation:outage": /),
      ]);
      // The token stayed in memory: no new /auth.
      expect(emulator.requests.filter((request) => request.path === '/auth')).toHaveLength(1);
    } finally {
      await store.dispose().catch(() => {});
    }
  }, 60_000);
});
