import type { ConcurrencyRow } from './concurrency.js';
import type { MemoryRow } from './memory.js';
import type { PathId } from './paths.js';
import type { RequestsPerTurn } from './requests.js';
import type { TargetVerdict } from './results.js';
import type { ThroughputRow } from './throughput.js';
import type { TtftResult } from './ttft.js';

/** The thresholds. */
export const THRESHOLDS = {
  doStreamOverRaw: 1.3,
  streamTextOverOpenAi: 1.0,
  addedTtftP50Ms: 1,
  /** Retained heap may grow this much from the shortest to the longest stream and still be flat. */
  memoryGrowthBytes: 2 * 1024 * 1024,
  concurrencyErrors: 0,
  coldRequests: 3,
  warmRequests: 1,
} as const;

/** Ratios `numerator / denominator` at each measured length, of wall time and of client CPU. */
export function ratiosAt(
  rows: readonly ThroughputRow[],
  numerator: PathId,
  denominator: PathId,
): { events: number; ratio: number; cpuRatio: number }[] {
  const out: { events: number; ratio: number; cpuRatio: number }[] = [];
  for (const row of rows) {
    if (row.path !== numerator) continue;
    const base = rows.find((r) => r.path === denominator && r.events === row.events);
    if (base) {
      out.push({
        events: row.events,
        ratio: row.wallMs / base.wallMs,
        cpuRatio: row.cpuMs / base.cpuMs,
      });
    }
  }
  return out;
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * A throughput target judged on the ratios at each stream length. `wall and CPU`: both must
 * hold (wall time is what the issue asks for, but while the emulator sets the pace it hides the
 * client's cost, which the CPU ratio still shows); `wall`: the ai 7 targets, worded on wall
 * time, with the CPU ratio shown beside it.
 */
export function ratioVerdict(
  id: TargetVerdict['id'],
  target: string,
  ratios: { events: number; ratio: number; cpuRatio: number }[],
  limit: number,
  judged: 'wall and CPU' | 'wall' = 'wall and CPU',
): TargetVerdict {
  if (ratios.length === 0) return { id, target, measured: '—', status: 'not measured' };
  const cpu = (r: { cpuRatio: number }) =>
    judged === 'wall' ? ` (CPU ${fmt(r.cpuRatio)}×)` : `, CPU ${fmt(r.cpuRatio)}×`;
  return {
    id,
    target,
    measured: ratios
      .map((r) => `${r.events.toLocaleString('en-US')} events: wall ${fmt(r.ratio)}×${cpu(r)}`)
      .join('; '),
    status: ratios.every((r) => r.ratio <= limit && (judged === 'wall' || r.cpuRatio <= limit))
      ? 'met'
      : 'missed',
  };
}

/** Judges each target of the issue on one run's numbers. */
export function judgeTargets(input: {
  throughput: readonly ThroughputRow[];
  targetLengths: readonly number[];
  ttft?: TtftResult;
  memory: readonly MemoryRow[];
  concurrency: readonly ConcurrencyRow[];
  requests?: RequestsPerTurn;
}): TargetVerdict[] {
  const judged = input.throughput.filter((row) => input.targetLengths.includes(row.events));
  const verdicts: TargetVerdict[] = [
    ratioVerdict(
      'doStream-ratio',
      `provider doStream within ${THRESHOLDS.doStreamOverRaw}× of the raw reader (wall time and client CPU time)`,
      ratiosAt(judged, 'provider-doStream', 'raw'),
      THRESHOLDS.doStreamOverRaw,
    ),
    ratioVerdict(
      'streamText-vs-openai',
      'streamText over our provider no slower than over @ai-sdk/openai-compatible (our time / theirs ≤ 1, wall and CPU)',
      ratiosAt(judged, 'provider-streamText', 'openai-streamText'),
      THRESHOLDS.streamTextOverOpenAi,
    ),
  ];

  const ttft = input.ttft;
  verdicts.push(
    ttft
      ? {
          id: 'ttft-added',
          target: `warm time to first token added over the server's first byte < ${THRESHOLDS.addedTtftP50Ms} ms at p50`,
          measured: `p50 ${fmt(ttft.added.p50, 3)} ms, p99 ${fmt(ttft.added.p99, 3)} ms (${ttft.calls} calls)`,
          status: ttft.added.p50 < THRESHOLDS.addedTtftP50Ms ? 'met' : 'missed',
        }
      : {
          id: 'ttft-added',
          target: 'warm added time to first token < 1 ms at p50',
          measured: '—',
          status: 'not measured',
        },
  );

  const doStreamMemory = input.memory
    .filter((row) => row.path === 'provider-doStream')
    .sort((a, b) => a.count - b.count);
  const shortest = doStreamMemory[0];
  const longest = doStreamMemory.at(-1);
  if (shortest && longest && shortest !== longest) {
    const growth =
      longest.peakHeap - longest.baselineHeap - (shortest.peakHeap - shortest.baselineHeap);
    verdicts.push({
      id: 'memory-flat',
      target: `memory flat in the stream's length (doStream retained heap grows < ${mib(THRESHOLDS.memoryGrowthBytes)} from ${shortest.count.toLocaleString('en-US')} to ${longest.count.toLocaleString('en-US')} events)`,
      measured: `retained heap +${mib(shortest.peakHeap - shortest.baselineHeap)} → +${mib(longest.peakHeap - longest.baselineHeap)} (growth ${mib(growth)}); peak RSS ${mib(shortest.peakRss)} → ${mib(longest.peakRss)}`,
      status: growth < THRESHOLDS.memoryGrowthBytes ? 'met' : 'missed',
    });
  } else {
    verdicts.push({
      id: 'memory-flat',
      target: 'memory flat in the stream length',
      measured: '—',
      status: 'not measured',
    });
  }

  const concurrent = input.concurrency.find((row) => row.path === 'provider-streamText');
  verdicts.push(
    concurrent
      ? {
          id: 'concurrency-errors',
          target: `0 errors at ${concurrent.streams} concurrent streams`,
          measured: `${concurrent.errors} errors; ${Math.round(concurrent.eventsPerSecond).toLocaleString('en-US')} events/s total; TTFT p99 ${fmt(concurrent.ttftP99, 1)} ms`,
          status: concurrent.errors === THRESHOLDS.concurrencyErrors ? 'met' : 'missed',
        }
      : {
          id: 'concurrency-errors',
          target: '0 errors at 200 concurrent streams',
          measured: '—',
          status: 'not measured',
        },
  );

  const requests = input.requests;
  verdicts.push(
    requests
      ? {
          id: 'requests-per-turn',
          target: `requests per turn: ${THRESHOLDS.coldRequests} cold, ${THRESHOLDS.warmRequests} warm, 1 token fetch for ${requests.concurrentColdCalls} concurrent cold calls`,
          measured: `${requests.coldTotal} cold, ${requests.warmTotal} warm, ${requests.concurrentCold['/auth'] ?? 0} token fetch(es) for ${requests.concurrentColdCalls} concurrent`,
          status:
            requests.coldTotal === THRESHOLDS.coldRequests &&
            requests.warmTotal === THRESHOLDS.warmRequests &&
            (requests.concurrentCold['/auth'] ?? 0) === 1
              ? 'met'
              : 'missed',
        }
      : {
          id: 'requests-per-turn',
          target: 'requests per turn: 3 cold, 1 warm',
          measured: '—',
          status: 'not measured',
        },
  );
  return verdicts;
}
