import { readStamps } from './slow-turn-text.js';
import { percentile } from './statistics.js';

/**
 * Collects the lag of stamped slow-turn messages, from the moment a message left the server to
 * the moment its text reached the consumer. Times are epoch ms; `serverOffsetMs` is the server's
 * clock minus the consumer's, so a stamp maps to the consumer's clock as `stamp - offset`.
 *
 * Only the steady state counts: messages sent after every turn had its first message (while
 * turns still open, the client is busy with requests, not with delivering events) and received
 * before {@link close} (the heap sample's forced GC would stall delivery and show as lag).
 */
export class LagRecorder {
  private readonly stamps: number[];
  private openTurns = 0;
  private windowStart: number | undefined;
  private windowEnd: number | undefined;
  // Allocated up front, so the lags recorded meanwhile do not count as heap the turns retain.
  private lagBuffer: Float64Array;
  private lagCount = 0;

  constructor(
    readonly turns: number,
    private readonly serverOffsetMs: number,
    expectedMessages = 1_024,
  ) {
    this.stamps = new Array<number>(turns).fill(0);
    this.lagBuffer = new Float64Array(Math.max(1, expectedMessages));
  }

  /** The lags recorded, in ms, in the order received. */
  get lags(): number[] {
    return Array.from(this.lagBuffer.subarray(0, this.lagCount));
  }

  private pushLag(lag: number): void {
    if (this.lagCount === this.lagBuffer.length) {
      const grown = new Float64Array(this.lagBuffer.length * 2);
      grown.set(this.lagBuffer);
      this.lagBuffer = grown;
    }
    this.lagBuffer[this.lagCount] = lag;
    this.lagCount += 1;
  }

  /** Records the text `turn` received at `receivedAt` (it may hold several messages or none). */
  receive(turn: number, text: string, receivedAt: number): void {
    const stamps = readStamps(text);
    if (stamps.length === 0) return;
    if (this.stamps[turn] === 0) {
      this.openTurns += 1;
      if (this.openTurns === this.turns) this.windowStart = receivedAt;
    }
    this.stamps[turn] = (this.stamps[turn] ?? 0) + stamps.length;
    const start = this.windowStart;
    if (start === undefined) return;
    if (this.windowEnd !== undefined && receivedAt >= this.windowEnd) return;
    for (const stamp of stamps) {
      const sentAt = stamp - this.serverOffsetMs;
      if (sentAt >= start) this.pushLag(receivedAt - sentAt);
    }
  }

  /** Ends the measured window: nothing received from `at` on counts. */
  close(at: number): void {
    this.windowEnd ??= at;
  }

  /** When every turn had received its first stamped message, or undefined while one has not. */
  get allOpenAt(): number | undefined {
    return this.windowStart;
  }

  /** The stamped messages `turn` received so far. */
  stampsOf(turn: number): number {
    return this.stamps[turn] ?? 0;
  }
}

/** Percentiles of lags in ms; NaN when there are none. */
export interface LagSummary {
  samples: number;
  p50: number;
  p99: number;
  max: number;
}

export function summarizeLags(lags: readonly number[]): LagSummary {
  if (lags.length === 0) return { samples: 0, p50: Number.NaN, p99: Number.NaN, max: Number.NaN };
  return {
    samples: lags.length,
    p50: percentile(lags, 50),
    p99: percentile(lags, 99),
    max: lags.reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY),
  };
}

/** The heap each open turn retains: what the heap grew by with all of them open, shared out. */
export function retainedPerTurn(
  baselineHeap: number,
  heapWithTurns: number,
  turns: number,
): number {
  if (turns <= 0) throw new RangeError(`turns must be positive, got ${turns}`);
  return (heapWithTurns - baselineHeap) / turns;
}
