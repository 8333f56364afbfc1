import type { Ai7Outcome } from './ai7-results.js';
import type { ColdStartResult } from './cold-start.js';
import type { ConcurrencyRow } from './concurrency.js';
import type { MemoryRow } from './memory.js';
import type { ProfileRun } from './profile.js';
import type { RequestsPerTurn } from './requests.js';
import type { ThroughputRow } from './throughput.js';
import type { TtftResult } from './ttft.js';

export type TargetStatus = 'met' | 'missed' | 'not measured';

/** One target of the issue, judged on this run's numbers. */
export interface TargetVerdict {
  id:
    | 'doStream-ratio'
    | 'streamText-vs-openai'
    | 'ttft-added'
    | 'memory-flat'
    | 'concurrency-errors'
    | 'requests-per-turn'
    | 'cold-start-weight'
    | 'cold-start-import'
    | 'ai7-v4-vs-v3'
    | 'ai7-streamText-vs-openai'
    | 'ai7-cold-start-weight'
    | 'ai7-cold-start-import'
    | 'ai7-slow-turn-memory'
    | 'ai7-slow-turn-lag';
  target: string;
  measured: string;
  status: TargetStatus;
}

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
  /** `os.loadavg()` when the run started and ended; absent in older results. */
  loadAverage?: { start: number[]; end: number[] };
}

/** Everything one `pnpm bench` run measured; also written as `results.json`. */
export interface BenchResults {
  machine: MachineInfo;
  mode: 'full' | 'quick';
  bytesPerDelta: number;
  provider: { loaded: boolean; reason?: string; warmSession: boolean };
  throughput: ThroughputRow[];
  ttft?: TtftResult;
  requests?: RequestsPerTurn;
  memory: MemoryRow[];
  concurrency: ConcurrencyRow[];
  /** Absent in results written before cold start was measured. */
  coldStart?: ColdStartResult;
  targets: TargetVerdict[];
  /** The ai 7 part, measured under Node 22 in a child process; absent in older results. */
  ai7?: Ai7Outcome;
  profiles: ProfileRun[];
  durationSeconds: number;
  notes: string[];
}
