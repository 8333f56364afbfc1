import type { MeasuredPath, PathId } from './paths.js';
import { median } from './statistics.js';

/** One timed consumption of a stream. */
export interface ThroughputSample {
  wallMs: number;
  cpuMs: number;
  /** CPU time of the server processes meanwhile: near `wallMs` means the server set the pace. */
  serverCpuMs: number;
  deltas: number;
  chars: number;
}

/** The medians of one path at one stream length. */
export interface ThroughputRow {
  path: PathId;
  label: string;
  events: number;
  rounds: number;
  wallMs: number;
  cpuMs: number;
  serverCpuMs: number;
  eventsPerSecond: number;
  deltas: number;
  chars: number;
  samples: ThroughputSample[];
}

/** Anything whose CPU time can be read, i.e. the server processes. */
export interface CpuSource {
  cpuMs(): Promise<number>;
}

async function serversCpu(servers: readonly CpuSource[]): Promise<number> {
  const times = await Promise.all(servers.map((server) => server.cpuMs()));
  return times.reduce((sum, ms) => sum + ms, 0);
}

export interface ThroughputPlan {
  lengths: number[];
  roundsFor(length: number): number;
  bytes: number;
  warmupLength: number;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** Times one consumption: wall clock and this process's CPU (the servers run elsewhere). */
export async function timeOnce(
  path: MeasuredPath,
  count: number,
  bytes: number,
  servers: readonly CpuSource[] = [],
): Promise<ThroughputSample> {
  collectGarbage();
  const serverBefore = await serversCpu(servers);
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  const outcome = await path.run(count, bytes);
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuMs = (await serversCpu(servers)) - serverBefore;
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    serverCpuMs,
    deltas: outcome.deltas,
    chars: outcome.chars,
  };
}

/**
 * Measures every path at every length: a warm-up run of each path, then rounds in which every
 * path runs once, in an order rotated each round so slow drifts of a shared machine spread
 * evenly over the paths. Reports medians.
 */
export async function measureThroughput(
  paths: readonly MeasuredPath[],
  plan: ThroughputPlan,
  servers: readonly CpuSource[],
  log: (line: string) => void,
): Promise<ThroughputRow[]> {
  for (const path of paths) await timeOnce(path, plan.warmupLength, plan.bytes, servers);
  const rows: ThroughputRow[] = [];
  for (const length of plan.lengths) {
    const rounds = plan.roundsFor(length);
    const samples = new Map<PathId, ThroughputSample[]>(paths.map((path) => [path.id, []]));
    for (let round = 0; round < rounds; round += 1) {
      for (let i = 0; i < paths.length; i += 1) {
        const path = paths[(i + round) % paths.length] as MeasuredPath;
        const sample = await timeOnce(path, length, plan.bytes, servers);
        samples.get(path.id)?.push(sample);
      }
      log(`  ${length} events: round ${round + 1}/${rounds} done`);
    }
    for (const path of paths) {
      const own = samples.get(path.id) ?? [];
      const wallMs = median(own.map((s) => s.wallMs));
      rows.push({
        path: path.id,
        label: path.label,
        events: length,
        rounds,
        wallMs,
        cpuMs: median(own.map((s) => s.cpuMs)),
        serverCpuMs: median(own.map((s) => s.serverCpuMs)),
        eventsPerSecond: (length / wallMs) * 1000,
        deltas: median(own.map((s) => s.deltas)),
        chars: median(own.map((s) => s.chars)),
        samples: own,
      });
    }
  }
  return rows;
}
