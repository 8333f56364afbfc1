import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A server running in its own process, so its CPU time is not charged to the measured client. */
export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** CPU time (user + system) the server process has used so far, in milliseconds. */
  cpuMs(): Promise<number>;
  /**
   * The server's wall clock (`performance.timeOrigin + performance.now()`) minus this
   * process's, in ms, from the IPC round trip with the smallest delay.
   */
  clockOffsetMs(): Promise<number>;
  close(): Promise<void>;
}

/** Messages a server child sends to the harness. */
export type ServerMessage =
  | { type: 'ready'; url: string }
  | { type: 'error'; message: string }
  | { type: 'cpu'; micros: number }
  | { type: 'clock'; epochMs: number };

const START_TIMEOUT_MS = 20_000;
const CLOSE_TIMEOUT_MS = 5_000;

/**
 * Forks `dist/servers/<entry>.js` and waits for its `ready` message.
 *
 * @throws Error naming the entry when the child fails, exits or is not ready in time.
 */
export function startServerProcess(
  entry: string,
  args: string[] = [],
  execArgv: string[] = [],
): Promise<ServerProcess> {
  const script = fileURLToPath(new URL(`./servers/${entry}.js`, import.meta.url));
  const child = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server ${entry} was not ready within ${START_TIMEOUT_MS} ms`));
    }, START_TIMEOUT_MS);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server ${entry} exited with code ${code} before it was ready`));
    };
    child.once('exit', onExit);
    const onReady = (message: ServerMessage) => {
      if (message.type === 'cpu' || message.type === 'clock') return;
      child.off('message', onReady);
      if (message.type === 'error') {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.kill('SIGKILL');
        reject(new Error(`server ${entry} failed to start: ${message.message}`));
        return;
      }
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({
        url: message.url,
        pid: child.pid ?? -1,
        cpuMs: () => askCpu(child, entry),
        clockOffsetMs: () => clockOffset(child, entry),
        close: () => stopChild(child),
      });
    };
    child.on('message', onReady);
  });
}

function askCpu(child: ChildProcess, entry: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`server ${entry} did not report its CPU time`));
    }, CLOSE_TIMEOUT_MS);
    const onMessage = (message: ServerMessage) => {
      if (message.type !== 'cpu') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message.micros / 1000);
    };
    child.on('message', onMessage);
    child.send({ type: 'cpu' });
  });
}

function askClock(child: ChildProcess, entry: string): Promise<{ offset: number; rtt: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`server ${entry} did not report its clock`));
    }, CLOSE_TIMEOUT_MS);
    const sentAt = performance.timeOrigin + performance.now();
    const onMessage = (message: ServerMessage) => {
      if (message.type !== 'clock') return;
      const receivedAt = performance.timeOrigin + performance.now();
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve({ offset: message.epochMs - (sentAt + receivedAt) / 2, rtt: receivedAt - sentAt });
    };
    child.on('message', onMessage);
    child.send({ type: 'clock' });
  });
}

// The shortest round trip bounds the error of the midpoint estimate best.
async function clockOffset(child: ChildProcess, entry: string): Promise<number> {
  let best = { offset: 0, rtt: Number.POSITIVE_INFINITY };
  for (let i = 0; i < 20; i += 1) {
    const sample = await askClock(child, entry);
    if (sample.rtt < best.rtt) best = sample;
  }
  return best.offset;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), CLOSE_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (child.connected) child.send({ type: 'close' });
    else child.kill('SIGTERM');
  });
}

/**
 * Wires a server child to its parent: reports readiness, closes on `close` or when the parent
 * goes away, so a crashed harness never leaves a server behind.
 */
export async function serveInChild(start: () => Promise<{ url: string; close(): Promise<void> }>) {
  const send = (message: ServerMessage) => process.send?.(message);
  let server: { url: string; close(): Promise<void> };
  try {
    server = await start();
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  const shutdown = async () => {
    const forceExit = setTimeout(() => process.exit(0), CLOSE_TIMEOUT_MS);
    forceExit.unref();
    await server.close();
    process.exit(0);
  };
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'close') void shutdown();
    if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', micros: usage.user + usage.system });
    }
    if (message.type === 'clock') {
      send({ type: 'clock', epochMs: performance.timeOrigin + performance.now() });
    }
  });
  process.once('disconnect', () => void shutdown());
  send({ type: 'ready', url: server.url });
}
