import type { ServerResponse } from 'node:http';
import { describeEdgeFaults } from './edge-faults.js';
import type { StreamFaults } from './faults.js';
import type { RobocodersEvent } from './types.js';

/** Lines that are not JSON, as proxies, keep-alives and truncated writes produce them. */
const JUNK_LINES = [
  ': keep-alive',
  '{"id": 0, "source": "agent", "message": "trunc',
  'upstream connect error or disconnect/reset before headers',
  '<!-- flush -->',
  'undefined',
];

/** A slow-drip event arrives in this many pieces. */
const SLOW_DRIP_PIECES = 4;

/** The `endless-line` fault writes this one buffer over and over: its memory stays this size. */
const ENDLESS_CHUNK = Buffer.alloc(64 * 1024, 'x');
const ENDLESS_LINE_START = '{"id": 0, "source": "agent", "message": "';

interface PendingTimer {
  timer: NodeJS.Timeout;
  resolve: () => void;
}

/**
 * Writes the events of one `/chat` response: NDJSON (or SSE under the `sse` fault), paced, and
 * mangled as the stream faults ask. It watches the connection: once the client goes away every
 * pending timer is cancelled and further writes are no-ops, so an aborted turn stops at once.
 */
export class EventStreamWriter {
  private isClosed = false;
  private cutByServer = false;
  private eventsSent = 0;
  private junkIndex = 0;
  private pieceIndex = 0;
  private lastFlush: Promise<void> = Promise.resolve();
  private readonly timers = new Set<PendingTimer>();
  private readonly closeListeners = new Set<() => void>();

  constructor(
    private readonly res: ServerResponse,
    private readonly faults: StreamFaults,
    private readonly paceMs: number,
  ) {
    res.once('close', () => this.markClosed());
    // The client may have gone while the request was still being checked.
    if (res.destroyed) this.markClosed();
  }

  /** The connection is gone (client abort, cut, or emulator shutdown). */
  get closed(): boolean {
    return this.isClosed;
  }

  /** The server destroyed the connection on purpose (the `cut` fault). */
  get wasCut(): boolean {
    return this.cutByServer;
  }

  /** Sends the status line and headers; cuts at once under `cut` with `afterEvents: 0`. */
  async start(): Promise<void> {
    const active = describeFaults(this.faults);
    this.res.writeHead(200, {
      'content-type': this.contentType(),
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      ...(active ? { 'x-emulator-faults': active } : {}),
    });
    this.res.flushHeaders();
    this.res.socket?.setNoDelay(true);
    if (this.faults.cutAfterEvents === 0) await this.cut();
    else await this.afterEvents();
  }

  /** Writes one event; `false` when the stream is gone and the turn should stop. */
  async send(event: RobocodersEvent): Promise<boolean> {
    if (this.isClosed) return false;
    if (this.eventsSent > 0 && this.paceMs > 0) await this.sleep(this.paceMs);
    if (this.faults.malformedLines) {
      await this.write(this.frame(JUNK_LINES[this.junkIndex++ % JUNK_LINES.length] ?? ''));
    }
    await this.write(this.frame(JSON.stringify(event)));
    if (this.isClosed) return false;
    this.eventsSent += 1;
    if (this.faults.cutAfterEvents !== undefined && this.eventsSent >= this.faults.cutAfterEvents) {
      await this.cut();
      return false;
    }
    return this.afterEvents();
  }

  /** The label of the body: its framing's, unless the `mislabelled-framing` fault says otherwise. */
  private contentType(): string {
    const ndjson = 'application/x-ndjson';
    const sse = 'text/event-stream; charset=utf-8';
    const mislabelled = this.faults.mislabelled;
    if (!mislabelled) return this.faults.sse ? sse : ndjson;
    return mislabelled.contentType ?? (this.faults.sse ? ndjson : sse);
  }

  /**
   * The faults that take over the stream after some events (`stall`, `endless-line`); `false`
   * once one did, as the turn is then over for this connection.
   */
  private async afterEvents(): Promise<boolean> {
    const { stallAfterEvents, endlessLine } = this.faults;
    if (stallAfterEvents !== undefined && this.eventsSent >= stallAfterEvents) {
      // Silent and open until the client gives up (or the emulator shuts down).
      await this.hold(() => {});
      return false;
    }
    if (endlessLine !== undefined && this.eventsSent >= endlessLine.afterEvents) {
      await this.writeEndlessLine(endlessLine.maxBytes);
      return false;
    }
    return !this.isClosed;
  }

  /** Bytes without a newline until the client leaves, or `maxBytes` of them and a cut. */
  private async writeEndlessLine(maxBytes: number): Promise<void> {
    const start = Buffer.from(`${this.faults.sse ? 'data: ' : ''}${ENDLESS_LINE_START}`, 'utf8');
    let sent = 0;
    let piece: Buffer = start.subarray(0, maxBytes);
    while (!this.isClosed && piece.byteLength > 0) {
      sent += piece.byteLength;
      if (!this.res.write(piece)) await this.drain();
      else await new Promise((resolve) => setImmediate(resolve));
      piece = ENDLESS_CHUNK.subarray(0, Math.min(ENDLESS_CHUNK.byteLength, maxBytes - sent));
    }
    if (!this.isClosed) await this.cut();
  }

  /** Keeps the stream open until `release` is called or the connection closes. */
  hold(register: (release: () => void) => void): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise((resolve) => {
      register(resolve);
      this.closeListeners.add(resolve);
    });
  }

  /** Ends the stream at shutdown: a clean end for the client, and the turn stops. */
  terminate(): void {
    if (!this.res.writableEnded && !this.res.destroyed) this.res.end();
    this.markClosed();
  }

  /** Ends the response normally. */
  async end(): Promise<void> {
    if (this.isClosed || this.res.writableEnded) return;
    await this.orClosed(new Promise<void>((resolve) => this.res.end(resolve)));
  }

  private frame(payload: string): string {
    return this.faults.sse ? `data: ${payload}\n\n` : `${payload}\n`;
  }

  private async write(text: string): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    let first = true;
    while (offset < bytes.byteLength && !this.isClosed) {
      const size = this.pieceSize(bytes.byteLength);
      if (!first) await this.betweenPieces();
      if (this.isClosed) return;
      first = false;
      const piece = bytes.subarray(offset, offset + size);
      offset += size;
      let flushed = () => {};
      this.lastFlush = new Promise((resolve) => {
        flushed = resolve;
      });
      if (!this.res.write(piece, () => flushed())) await this.drain();
    }
  }

  /** Piece sizes cycle 1, 2, ... maxChunkBytes under `byte-split`, so they straddle characters. */
  private pieceSize(total: number): number {
    if (this.faults.byteSplit !== undefined) {
      const size = (this.pieceIndex % this.faults.byteSplit) + 1;
      this.pieceIndex += 1;
      return size;
    }
    if (this.faults.slowDripMs !== undefined) return Math.ceil(total / SLOW_DRIP_PIECES);
    return total;
  }

  private async betweenPieces(): Promise<void> {
    if (this.faults.slowDripMs !== undefined) await this.sleep(this.faults.slowDripMs);
    // Yield so each piece leaves in its own write instead of being coalesced in user space.
    else await new Promise((resolve) => setImmediate(resolve));
  }

  private drain(): Promise<void> {
    let onDrain = () => {};
    const drained = new Promise<void>((resolve) => {
      onDrain = () => resolve();
      this.res.once('drain', onDrain);
    });
    return this.orClosed(drained).finally(() => this.res.off('drain', onDrain));
  }

  private async cut(): Promise<void> {
    // Let what was written reach the socket, so the client sees events and then a broken stream.
    await this.orClosed(this.lastFlush);
    this.cutByServer = !this.isClosed;
    this.res.destroy();
    this.markClosed();
  }

  /** Waits for `promise`, or less if the connection closes first (callbacks may never fire then). */
  private orClosed(promise: Promise<void>): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.closeListeners.delete(done);
        resolve();
      };
      this.closeListeners.add(done);
      promise.then(done, done);
    });
  }

  private sleep(ms: number): Promise<void> {
    if (this.isClosed) return Promise.resolve();
    return new Promise((resolve) => {
      const pending: PendingTimer = {
        resolve,
        timer: setTimeout(() => {
          this.timers.delete(pending);
          resolve();
        }, ms),
      };
      this.timers.add(pending);
    });
  }

  private markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const pending of this.timers) {
      clearTimeout(pending.timer);
      pending.resolve();
    }
    this.timers.clear();
    for (const listener of this.closeListeners) listener();
    this.closeListeners.clear();
  }
}

function describeFaults(faults: StreamFaults): string {
  const names: string[] = [];
  if (faults.sse) names.push('sse');
  if (faults.malformedLines) names.push('malformed-lines');
  if (faults.byteSplit !== undefined) names.push('byte-split');
  if (faults.slowDripMs !== undefined) names.push('slow-drip');
  if (faults.holdOpen) names.push('hold-open');
  if (faults.cutAfterEvents !== undefined) names.push('cut');
  names.push(...describeEdgeFaults(faults));
  return names.join(',');
}
