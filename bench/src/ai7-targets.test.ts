import { describe, expect, it } from 'vitest';
import type { SlowTurnRow } from './ai7-results.js';
import { judgeAi7Targets } from './ai7-targets.js';
import type { ColdStartResult } from './cold-start.js';
import type { PathId } from './paths.js';
import type { ThroughputRow } from './throughput.js';

const peer = { entry: 'openai-compatible-3', label: '@ai-sdk/openai-compatible 3.0.92' };

function row(path: PathId, events: number, wallMs: number, cpuMs = wallMs): ThroughputRow {
  return {
    path,
    label: path,
    events,
    rounds: 1,
    wallMs,
    cpuMs,
    serverCpuMs: 0,
    eventsPerSecond: events / wallMs,
    deltas: events,
    chars: events,
    samples: [],
  };
}

function slow(path: SlowTurnRow['path'], perTurn: number, p99: number, errors = 0): SlowTurnRow {
  return {
    path,
    label: path,
    turns: 1_000,
    eventsPerTurn: 60,
    paceMs: 500,
    rampMs: 1_000,
    openAtSample: 1_000,
    baselineHeap: 0,
    heapWithTurns: perTurn * 1_000,
    retainedPerTurn: perTurn,
    rssWithTurns: 0,
    clockOffsetMs: 0,
    lag: { samples: 100, p50: p99 / 2, p99, max: p99 },
    wallMs: 30_000,
    errors,
  };
}

const coldStart: ColdStartResult = {
  rows: [
    {
      entry: 'robocoders-ai-provider/v4',
      minifiedBytes: 1,
      gzipBytes: 600,
      importMs: 50,
      importSamples: [],
    },
    {
      entry: 'openai-compatible-3',
      minifiedBytes: 1,
      gzipBytes: 1_000,
      importMs: 40,
      importSamples: [],
    },
  ],
  rounds: 1,
  date: '',
  node: 'v22',
  peer,
};

const status = (verdicts: ReturnType<typeof judgeAi7Targets>) =>
  Object.fromEntries(verdicts.map((v) => [v.id, v.status]));

describe('judgeAi7Targets', () => {
  it('judges every target against its threshold', () => {
    const verdicts = judgeAi7Targets({
      throughput: [
        row('ai7-v4-streamText', 20_000, 90),
        row('ai7-v3-streamText', 20_000, 100),
        row('ai7-openai-streamText', 20_000, 150),
        // Not a judged length: ignored.
        row('ai7-v4-streamText', 2_000, 500),
        row('ai7-v3-streamText', 2_000, 100),
      ],
      targetLengths: [20_000],
      coldStart,
      coldStartPeer: peer,
      slowTurns: [slow('raw', 10_000, 5), slow('ai7-v4-streamText', 14_000, 11)],
    });
    expect(status(verdicts)).toEqual({
      'ai7-v4-vs-v3': 'met',
      'ai7-streamText-vs-openai': 'missed',
      'ai7-cold-start-weight': 'met',
      'ai7-cold-start-import': 'missed',
      'ai7-slow-turn-memory': 'met',
      'ai7-slow-turn-lag': 'missed',
    });
  });

  it('misses the slow-turn targets when a turn failed, and does not judge what is absent', () => {
    const verdicts = judgeAi7Targets({
      throughput: [],
      targetLengths: [20_000],
      coldStart: undefined,
      coldStartPeer: peer,
      slowTurns: [slow('raw', 10_000, 5), slow('ai7-v4-streamText', 1_000, 1, 3)],
    });
    expect(status(verdicts)).toEqual({
      'ai7-v4-vs-v3': 'not measured',
      'ai7-streamText-vs-openai': 'not measured',
      'ai7-cold-start-weight': 'not measured',
      'ai7-cold-start-import': 'not measured',
      'ai7-slow-turn-memory': 'missed',
      'ai7-slow-turn-lag': 'missed',
    });
  });
});
