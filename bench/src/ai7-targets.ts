import type { SlowTurnRow } from './ai7-results.js';
import { type ColdStartPeer, type ColdStartResult, judgeColdStart } from './cold-start.js';
import type { TargetVerdict } from './results.js';
import { ratiosAt, ratioVerdict } from './targets.js';
import type { ThroughputRow } from './throughput.js';

/** The thresholds of the ai 7 part (issue 20, item 4). */
export const AI7_THRESHOLDS = {
  v4OverV3: 1.0,
  oursOverTheirs: 0.5,
  memoryPerTurnOverRaw: 1.5,
  lagP99OverRaw: 2.0,
} as const;

const fmt = (n: number, digits = 2) => n.toFixed(digits);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function slowTurnVerdicts(rows: readonly SlowTurnRow[]): TargetVerdict[] {
  const raw = rows.find((row) => row.path === 'raw');
  const ours = rows.find((row) => row.path === 'ai7-v4-streamText');
  const turns = ours?.turns.toLocaleString('en-US') ?? '1,000';
  const memoryTarget = `ai 7: retained heap per open slow turn, streamText over one /v4 provider ≤ ${AI7_THRESHOLDS.memoryPerTurnOverRaw}× the raw reader's (${turns} turns open)`;
  const lagTarget = `ai 7: p99 lag from the server to the streamText consumer ≤ ${AI7_THRESHOLDS.lagP99OverRaw}× the raw reader's (${turns} open turns)`;
  // A failed turn, or a heap sampled with turns already closed, would flatter the provider.
  const usable = (row: SlowTurnRow | undefined): row is SlowTurnRow =>
    row !== undefined && row.errors === 0 && row.openAtSample === row.turns;
  if (!usable(raw) || !usable(ours)) {
    const why = [raw, ours]
      .filter((row): row is SlowTurnRow => row !== undefined)
      .map((row) => `${row.path}: ${row.errors} errors, ${row.openAtSample} open at the sample`)
      .join('; ');
    const status = raw && ours ? 'missed' : 'not measured';
    return [
      { id: 'ai7-slow-turn-memory', target: memoryTarget, measured: why || '—', status },
      { id: 'ai7-slow-turn-lag', target: lagTarget, measured: why || '—', status },
    ];
  }
  const memoryRatio = ours.retainedPerTurn / raw.retainedPerTurn;
  const lagRatio = ours.lag.p99 / raw.lag.p99;
  return [
    {
      id: 'ai7-slow-turn-memory',
      target: memoryTarget,
      measured: `${kib(ours.retainedPerTurn)} vs raw ${kib(raw.retainedPerTurn)} per turn: ${fmt(memoryRatio)}×`,
      status: memoryRatio <= AI7_THRESHOLDS.memoryPerTurnOverRaw ? 'met' : 'missed',
    },
    {
      id: 'ai7-slow-turn-lag',
      target: lagTarget,
      measured: `p99 ${fmt(ours.lag.p99)} ms vs raw ${fmt(raw.lag.p99)} ms: ${fmt(lagRatio)}× (${ours.lag.samples.toLocaleString('en-US')} / ${raw.lag.samples.toLocaleString('en-US')} messages)`,
      status: lagRatio <= AI7_THRESHOLDS.lagP99OverRaw ? 'met' : 'missed',
    },
  ];
}

/** Judges the ai 7 targets on one run of the ai 7 part. */
export function judgeAi7Targets(input: {
  throughput: readonly ThroughputRow[];
  targetLengths: readonly number[];
  coldStart: ColdStartResult | undefined;
  coldStartPeer: ColdStartPeer;
  slowTurns: readonly SlowTurnRow[];
}): TargetVerdict[] {
  const judged = input.throughput.filter((row) => input.targetLengths.includes(row.events));
  const coldStart = judgeColdStart(
    input.coldStart,
    { weight: 'ai7-cold-start-weight', importTime: 'ai7-cold-start-import' },
    input.coldStartPeer,
  ).map((verdict) => ({ ...verdict, target: `ai 7: ${verdict.target}` }));
  return [
    ratioVerdict(
      'ai7-v4-vs-v3',
      "ai 7: streamText over /v4 no slower than over /v3 through ai's V3→V4 proxy (/v4 time / /v3 ≤ 1, wall)",
      ratiosAt(judged, 'ai7-v4-streamText', 'ai7-v3-streamText'),
      AI7_THRESHOLDS.v4OverV3,
      'wall',
    ),
    ratioVerdict(
      'ai7-streamText-vs-openai',
      `ai 7: streamText over /v4, our time / @ai-sdk/openai-compatible 3's ≤ ${AI7_THRESHOLDS.oursOverTheirs} (wall)`,
      ratiosAt(judged, 'ai7-v4-streamText', 'ai7-openai-streamText'),
      AI7_THRESHOLDS.oursOverTheirs,
      'wall',
    ),
    ...coldStart,
    ...slowTurnVerdicts(input.slowTurns),
  ];
}
