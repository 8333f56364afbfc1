// A real redis-server for the e2e test of two app instances, on a free port, nothing persisted.
import { existsSync } from 'node:fs';
import { freePort, interrupt, spawnLogged, waitFor } from 'example-support/e2e';
import { Redis } from 'ioredis';

/** Debian's binary (installed by `./scripts/setup --test`), `REDIS_SERVER_PATH` overrides. */
function binary() {
  if (process.env.REDIS_SERVER_PATH) return process.env.REDIS_SERVER_PATH;
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : 'redis-server';
}

export async function startRedis() {
  const port = await freePort();
  const { child, output } = spawnLogged(binary(), [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  const url = `redis://127.0.0.1:${port}`;
  const giveUp = () => (child.exitCode !== null ? `redis-server exited:\n${output()}` : undefined);
  await waitFor(
    `redis-server on ${url}`,
    async () => {
      const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
      // A refused connection while it starts is expected: the next poll tries again.
      client.on('error', () => {});
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        client.disconnect();
      }
    },
    { giveUp },
  );
  return { url, stop: () => interrupt(child, 5000) };
}
