import type { Redis } from 'ioredis';
import type { Publisher, Subscriber } from 'resumable-stream/generic';

/**
 * What the running turns of the app share between its instances: the publisher and subscriber
 * `resumable-stream` needs (a Redis-like key space and channels), also used for Stop.
 */
export interface TurnPubSub {
  publisher: Publisher;
  subscriber: Subscriber;
  /** Closes the connections (Redis); nothing to do in process. */
  close(): Promise<void>;
}

/**
 * The same thing inside one process, for an app that runs as one instance (`pnpm example:agent`):
 * keys with their expiry and channels with one handler each, as a Redis connection has.
 * Messages are delivered on a later microtask, as a Redis server would deliver them.
 */
export function createMemoryPubSub(now: () => number = Date.now): TurnPubSub {
  const values = new Map<string, { value: string; expiresAt: number }>();
  const handlers = new Map<string, (message: string) => void>();

  const read = (key: string) => {
    const entry = values.get(key);
    if (entry && entry.expiresAt <= now()) values.delete(key);
    return values.get(key)?.value ?? null;
  };
  const write = (key: string, value: string, seconds?: number) => {
    // Expired keys go when any key is written, so a long-running app does not keep them all.
    for (const [name, entry] of values) if (entry.expiresAt <= now()) values.delete(name);
    values.set(key, {
      value,
      expiresAt: seconds === undefined ? Infinity : now() + seconds * 1000,
    });
  };

  const publisher: Publisher = {
    connect: async () => undefined,
    async publish(channel, message) {
      const handler = handlers.get(channel);
      if (handler) queueMicrotask(() => handler(message));
      return handler ? 1 : 0;
    },
    async set(key, value, options) {
      write(key, value, options?.EX);
      return 'OK';
    },
    get: async (key) => read(key),
    async incr(key) {
      const current = read(key);
      const next = Number(current ?? '0') + 1;
      if (!Number.isInteger(next)) throw new Error('ERR value is not an integer or out of range');
      const expiresAt = values.get(key)?.expiresAt ?? Infinity;
      values.set(key, { value: String(next), expiresAt });
      return next;
    },
  };
  const subscriber: Subscriber = {
    connect: async () => undefined,
    async subscribe(channel, callback) {
      handlers.set(channel, callback);
    },
    async unsubscribe(channel) {
      handlers.delete(channel);
    },
  };
  return { publisher, subscriber, close: async () => handlers.clear() };
}

/**
 * The same over Redis (`REDIS_URL`), for several app instances: a turn started on one is resumed
 * and stopped from any. Two connections, as Redis requires: a subscribed connection can only
 * listen.
 */
export async function createRedisPubSub(url: string): Promise<TurnPubSub> {
  const { Redis } = await import('ioredis');
  const commands: Redis = new Redis(url, { maxRetriesPerRequest: 3 });
  const listener: Redis = new Redis(url, { maxRetriesPerRequest: 3 });
  const handlers = new Map<string, (message: string) => void>();
  listener.on('message', (channel: string, message: string) => handlers.get(channel)?.(message));

  const publisher: Publisher = {
    connect: async () => undefined,
    publish: (channel, message) => commands.publish(channel, message),
    set: (key, value, options) =>
      options?.EX === undefined
        ? commands.set(key, value)
        : commands.set(key, value, 'EX', options.EX),
    get: (key) => commands.get(key),
    incr: (key) => commands.incr(key),
  };
  const subscriber: Subscriber = {
    connect: async () => undefined,
    async subscribe(channel, callback) {
      handlers.set(channel, callback);
      await listener.subscribe(channel);
    },
    async unsubscribe(channel) {
      handlers.delete(channel);
      await listener.unsubscribe(channel);
    },
  };
  return {
    publisher,
    subscriber,
    async close() {
      await Promise.all([commands.quit(), listener.quit()]);
    },
  };
}
