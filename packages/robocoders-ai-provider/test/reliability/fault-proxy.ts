import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Transport faults the emulator cannot produce on `/auth` and `/create-session` (it streams only
 * `/chat`), and a stall before the response for aborts at a known moment.
 */
export type ProxyFaultKind =
  /** Never answer: the request waits until the client gives up. */
  | 'stall'
  /** Forward the status, headers and whole body, but never end the response. */
  | 'hold-open'
  /** Forward `afterBytes` bytes of the body, then destroy the connection. */
  | 'cut'
  /** Write the body one byte at a time, each byte its own write. */
  | 'byte-split'
  /** Write the body in 4 pieces with a pause between them. */
  | 'slow-drip';

/** A fault for the `skip`-th and later matching requests (`times` of them, default 1). */
export interface ProxyFault {
  path: string;
  kind: ProxyFaultKind;
  skip?: number;
  times?: number;
  /** For `cut`; default 8. */
  afterBytes?: number;
}

/** One request the proxy saw. */
export interface ProxyRequest {
  path: string;
  fault: ProxyFaultKind | undefined;
  /** The client closed the connection before the response ended. */
  clientClosed: boolean;
  /** The response ended, was cut, or the client left. */
  settled: boolean;
  /**
   * The fault is in effect: a stalled request was answered upstream (and that answer withheld),
   * a held-open body was written in full.
   */
  engaged: boolean;
}

/** A running {@link startFaultProxy}. */
export interface FaultProxy {
  url: string;
  readonly requests: readonly ProxyRequest[];
  fault(fault: ProxyFault): void;
  /** Drops the queued faults and the request log. */
  reset(): void;
  /** Resolves when the fault of the `index`-th (0-based) request to `path` is in effect. */
  engaged(path: string, index?: number): Promise<void>;
  /**
   * Whether every request is settled (none held, stalled or streaming). Idle sockets are not
   * counted: after an abort Node's fetch may keep a fresh, unused connection until its
   * keep-alive timeout.
   */
  idle(): boolean;
  close(): Promise<void>;
}

interface QueuedFault {
  fault: ProxyFault;
  matched: number;
  applied: number;
}

const DRIP_PIECES = 4;
const DRIP_DELAY_MS = 5;

/**
 * An HTTP proxy in front of the emulator that forwards everything and injects transport faults.
 * Every response says `connection: close` and the upstream agent does not keep connections
 * alive, so no pooled socket outlives a call: tests can check the process's open handles.
 */
export async function startFaultProxy(upstreamUrl: string): Promise<FaultProxy> {
  const upstream = new URL(upstreamUrl);
  const agent = new Agent({ keepAlive: false });
  let queue: QueuedFault[] = [];
  let log: ProxyRequest[] = [];
  const watchers: Array<{ path: string; index: number; resolve: () => void }> = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const take = (path: string): ProxyFault | undefined => {
    let chosen: ProxyFault | undefined;
    for (const entry of queue) {
      if (entry.fault.path !== path) continue;
      entry.matched++;
      if (entry.matched <= (entry.fault.skip ?? 0)) continue;
      entry.applied++;
      chosen ??= entry.fault;
    }
    queue = queue.filter((entry) => entry.applied < (entry.fault.times ?? 1));
    return chosen;
  };

  const notify = () => {
    for (let i = watchers.length - 1; i >= 0; i--) {
      const watcher = watchers[i];
      const entry = log.filter((request) => request.path === watcher.path)[watcher.index];
      if (entry?.engaged) {
        watchers.splice(i, 1);
        watcher.resolve();
      }
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://proxy').pathname;
    const fault = take(path);
    const entry: ProxyRequest = {
      path,
      fault: fault?.kind,
      clientClosed: false,
      settled: false,
      engaged: false,
    };
    const engage = () => {
      entry.engaged = true;
      notify();
    };
    log.push(entry);
    res.on('close', () => {
      if (!res.writableFinished && !entry.settled) entry.clientClosed = true;
      entry.settled = true;
      upstreamRequest.destroy();
    });
    const headers = { ...req.headers, host: upstream.host };
    const upstreamRequest = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers,
        agent,
      },
      (upstreamResponse) => {
        if (fault?.kind === 'stall') {
          upstreamResponse.resume();
          engage();
          return;
        }
        void forward(upstreamResponse, res, fault, entry, engage);
      },
    );
    upstreamRequest.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.destroy();
    });
    req.pipe(upstreamRequest);
  };

  const forward = async (
    upstreamResponse: IncomingMessage,
    res: ServerResponse,
    fault: ProxyFault | undefined,
    entry: ProxyRequest,
    engage: () => void,
  ) => {
    // Chunked framing without `connection: close` for a cut: Node's fetch takes the end of a
    // `connection: close` response as the end of its body, even mid-chunk, so the cut would
    // look like a complete (truncated) body.
    const headers: Record<string, string | string[] | undefined> = {
      ...upstreamResponse.headers,
      'transfer-encoding': 'chunked',
    };
    if (fault?.kind !== 'cut') headers.connection = 'close';
    delete headers['content-length'];
    if (fault === undefined) {
      // Streamed through as it arrives, so the emulator's own stream faults stay intact.
      res.writeHead(upstreamResponse.statusCode ?? 502, headers);
      res.flushHeaders();
      upstreamResponse.on('error', () => res.destroy());
      upstreamResponse.on('aborted', () => res.destroy());
      upstreamResponse.pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of upstreamResponse) chunks.push(chunk as Buffer);
    } catch {
      res.destroy();
      return;
    }
    if (res.destroyed) return;
    const body = Buffer.concat(chunks);
    res.writeHead(upstreamResponse.statusCode ?? 502, headers);
    res.flushHeaders();
    switch (fault.kind) {
      case 'cut': {
        const afterBytes = fault.afterBytes ?? 8;
        await write(res, body.subarray(0, afterBytes));
        entry.settled = true;
        res.destroy();
        return;
      }
      case 'hold-open':
        await write(res, body);
        engage();
        return;
      case 'byte-split':
        for (let offset = 0; offset < body.length && !res.destroyed; offset++) {
          await write(res, body.subarray(offset, offset + 1));
          await new Promise((resolve) => setImmediate(resolve));
        }
        break;
      case 'slow-drip': {
        const size = Math.ceil(body.length / DRIP_PIECES);
        for (let offset = 0; offset < body.length && !res.destroyed; offset += size) {
          if (offset > 0) await sleep(DRIP_DELAY_MS);
          await write(res, body.subarray(offset, offset + size));
        }
        break;
      }
      default:
        await write(res, body);
    }
    if (!res.destroyed) res.end();
  };

  const server: Server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return log;
    },
    fault(fault) {
      queue.push({ fault, matched: 0, applied: 0 });
    },
    reset() {
      queue = [];
      log = [];
    },
    engaged(path, index = 0) {
      return new Promise((resolve) => {
        watchers.push({ path, index, resolve });
        notify();
      });
    },
    idle() {
      return log.every((entry) => entry.settled);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}

function write(res: ServerResponse, bytes: Uint8Array): Promise<void> {
  if (bytes.length === 0 || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    res.write(bytes, () => resolve());
    // A destroyed response may never call back.
    res.once('close', () => resolve());
  });
}
