import type { ColdStartResult } from './cold-start.js';
import type { TargetVerdict } from './results.js';
import type { LagSummary } from './slow-turn-lag.js';
import type { ThroughputRow } from './throughput.js';

/** Many slow turns held open at once by one consumer (src/slow-turns.ts). */
export interface SlowTurnRow {
  /**
   * Only `raw` and `ai7-v4-streamText` are judged; `ai7-v4-doStream` (the provider alone) and
   * `ai7-v4-streamTextLowMemory` (ai 7's single-consumer variant) show where the cost lies.
   */
  path: 'raw' | 'ai7-v4-doStream' | 'ai7-v4-streamText' | 'ai7-v4-streamTextLowMemory';
  label: string;
  turns: number;
  eventsPerTurn: number;
  paceMs: number;
  /** From the first turn's start until every turn had received its first stamped message. */
  rampMs: number;
  /** Turns still open when the heap was sampled (all of them, unless some failed or ended). */
  openAtSample: number;
  /** `heapUsed` after a full GC before the turns started and with them all open, in bytes. */
  baselineHeap: number;
  heapWithTurns: number;
  /** `(heapWithTurns - baselineHeap) / turns`, in bytes. */
  retainedPerTurn: number;
  rssWithTurns: number;
  /** Server clock minus this process's, applied to the stamps. */
  clockOffsetMs: number;
  lag: LagSummary;
  wallMs: number;
  errors: number;
  firstError?: string;
}

/** What the ai 7 child (src/run-bench-ai7.ts) measured, written as JSON for the parent. */
export interface Ai7Results {
  measured: true;
  node: string;
  aiVersion: string;
  openAiCompatibleVersion: string;
  throughput: ThroughputRow[];
  /** The lengths the throughput targets are judged at. */
  targetLengths: number[];
  coldStart?: ColdStartResult;
  slowTurns: SlowTurnRow[];
  targets: TargetVerdict[];
  durationSeconds: number;
  /** `os.loadavg()` when the part started and ended: other work on the machine shows here. */
  loadAverage: { start: number[]; end: number[] };
}

/** The ai 7 part as the parent records it: its results, or why there are none. */
export type Ai7Outcome = Ai7Results | { measured: false; reason: string };
