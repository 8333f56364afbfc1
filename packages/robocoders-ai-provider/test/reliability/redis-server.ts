import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A `redis-server` started for a test file. */
export interface RunningRedis {
  url: string;
  stop(): Promise<void>;
}

/** The binary: `REDIS_SERVER_PATH`, else Debian's `/usr/bin/redis-server`, else `PATH`. */
export function redisServerPath(): string {
  if (process.env.REDIS_SERVER_PATH) return process.env.REDIS_SERVER_PATH;
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : 'redis-server';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves with Redis's answer to one inline `PING`, or rejects when it cannot connect. */
function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    let answer = '';
    socket.setTimeout(2_000, () => socket.destroy(new Error('no answer to PING')));
    socket.once('error', reject);
    socket.on('data', (data) => {
      answer += data.toString('utf8');
      if (answer.includes('\r\n')) {
        socket.end();
        resolve(answer.trim());
      }
    });
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}

/**
 * Starts `redis-server` on a free port with its files in a new temp dir, no persistence and no
 * protected-mode surprises, and waits until it answers `PING`. `stop()` shuts it down (SIGTERM,
 * then SIGKILL) and removes the dir.
 */
export async function startRedisServer(timeoutMs = 20_000): Promise<RunningRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'robocoders-redis-'));
  const port = await freePort();
  const binary = redisServerPath();
  const child: ChildProcess = spawn(
    binary,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (data) => {
    output += data;
  });
  child.stderr?.on('data', (data) => {
    output += data;
  });
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = `exited with ${signal ?? code}`;
      resolve();
    });
    child.once('error', (error) => {
      exited = `could not start ${binary}: ${error.message}`;
      resolve();
    });
  });

  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exit;
      clearTimeout(killer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited !== undefined) {
      await stop();
      throw new Error(
        `redis-server ${exited}. Install it (scripts/setup --test, or apt-get install redis-server) or set REDIS_SERVER_PATH.\n${output}`,
      );
    }
    try {
      if ((await ping(port)) === '+PONG') break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not answer PING within ${timeoutMs} ms.\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}
