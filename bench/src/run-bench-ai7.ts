import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { LanguageModel } from 'ai7';
import {
  AI7_VERSION,
  ai7OpenAiPath,
  ai7ProviderPath,
  consumeAi7StreamText,
  loadAi7Provider,
  OPENAI_COMPATIBLE_3_VERSION,
  warmAi7Provider,
} from './ai7-paths.js';
import type { Ai7Results, SlowTurnRow } from './ai7-results.js';
import { judgeAi7Targets } from './ai7-targets.js';
import { benchPrompt } from './bench-text.js';
import { type ColdStartPeer, type ColdStartResult, measureColdStart } from './cold-start.js';
import { rawPath, StreamFailedError } from './paths.js';
import { createRawSession, openRawSession, readRawTurn } from './raw-reader.js';
import { startServerProcess } from './server-process.js';
import { slowTurnPrompt } from './slow-turn-text.js';
import { measureSlowTurns, type SlowTurnConsumer, type SlowTurnPlan } from './slow-turns.js';
import { measureThroughput } from './throughput.js';

// The ai 7 part of `pnpm bench`, run by src/run-bench.ts as a child under Node 22 (ai 7 is
// ESM-only and needs it): node --expose-gc dist/run-bench-ai7.js --out <file.json> [--quick].
// Its servers run in its own children, so they run on Node 22 too.

const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));

/** The peer of `/v4`: the openai-compatible major that ai 7 takes. */
const AI7_COLD_START_PEER: ColdStartPeer = {
  entry: 'openai-compatible-3',
  label: `@ai-sdk/openai-compatible ${OPENAI_COMPATIBLE_3_VERSION}`,
};

interface Ai7Plan {
  lengths: number[];
  targetLengths: number[];
  rounds: (length: number) => number;
  warmupLength: number;
  bytes: number;
  coldStartRounds: number;
  slow: SlowTurnPlan;
}

function planFrom(quick: boolean): Ai7Plan {
  if (quick) {
    return {
      lengths: [2_000, 20_000],
      targetLengths: [2_000, 20_000],
      rounds: () => 2,
      warmupLength: 2_000,
      bytes: 16,
      coldStartRounds: 5,
      slow: { turns: 50, eventsPerTurn: 8, paceMs: 500, sampleAfterMs: 3_000 },
    };
  }
  return {
    lengths: [2_000, 20_000, 200_000],
    targetLengths: [20_000, 200_000],
    rounds: (length) => (length >= 200_000 ? 5 : 9),
    warmupLength: 20_000,
    bytes: 16,
    coldStartRounds: 25,
    // 30 s turns; the heap is sampled 20 s in, when every turn has long been open.
    slow: { turns: 1_000, eventsPerTurn: 60, paceMs: 500, sampleAfterMs: 20_000 },
  };
}

async function coldStart(plan: Ai7Plan): Promise<ColdStartResult> {
  return {
    rows: await measureColdStart(
      ['robocoders-ai-provider/v4'],
      BENCH_DIR,
      plan.coldStartRounds,
      AI7_COLD_START_PEER,
    ),
    rounds: plan.coldStartRounds,
    date: new Date().toISOString(),
    node: process.version,
    peer: AI7_COLD_START_PEER,
  };
}

/** ai 7's model interface (ai 7 takes it but does not export its name). */
type LanguageModelV4 = Extract<LanguageModel, { specificationVersion: 'v4' }>;

/** Reads a `/v4` model's own stream, without ai 7 on top: how much of a turn is the provider's. */
async function readV4DoStream(
  model: LanguageModelV4,
  prompt: string,
  onText: (text: string) => void,
): Promise<void> {
  const { stream } = await model.doStream({
    prompt: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
  });
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    if (value.type === 'text-delta') onText(value.delta);
    else if (value.type === 'error')
      throw new StreamFailedError('slow turn /v4 doStream', value.error);
  }
}

/**
 * The raw reader, the `/v4` provider's doStream, ai 7's streamText over it and ai 7's
 * low-memory variant, one after the other, each holding every turn open. One provider instance serves all turns of a path, each
 * turn in a new conversation (no session id), as separate users' turns are.
 */
async function slowTurns(plan: Ai7Plan, log: (line: string) => void): Promise<SlowTurnRow[]> {
  const server = await startServerProcess('slow-turn-server');
  try {
    const { token } = await openRawSession(server.url);
    // A short turn of each path first, so the code a turn runs is loaded before the baseline.
    const warmup = slowTurnPrompt(2, 10);
    await readRawTurn(await createRawSession(server.url, token), warmup);
    const createRobocoders = await loadAi7Provider('v4');
    const streamTextModel = (await warmAi7Provider('v4', createRobocoders, server.url, warmup))
      .model;
    const doStreamModel = createRobocoders({ baseURL: server.url, maxContinuations: 0 })(
      'GeneralCodingAgent',
    ) as LanguageModelV4;
    await readV4DoStream(doStreamModel, warmup, () => {});
    await consumeAi7StreamText(
      'warm-up',
      streamTextModel,
      warmup,
      undefined,
      undefined,
      'streamTextLowMemory',
    );
    const consumers: SlowTurnConsumer[] = [
      {
        path: 'raw',
        label: 'raw reader: fetch + TextDecoderStream + split + JSON.parse',
        run: async (prompt, onText) => {
          await readRawTurn(await createRawSession(server.url, token), prompt, onText);
        },
      },
      {
        path: 'ai7-v4-doStream',
        label: 'robocoders-ai-provider/v4 `doStream` alone (one instance)',
        run: (prompt, onText) => readV4DoStream(doStreamModel, prompt, onText),
      },
      {
        path: 'ai7-v4-streamText',
        label: `\`streamText\` (ai ${AI7_VERSION}) over one robocoders-ai-provider/v4 instance`,
        run: async (prompt, onText) => {
          await consumeAi7StreamText('slow turn /v4', streamTextModel, prompt, undefined, onText);
        },
      },
      {
        path: 'ai7-v4-streamTextLowMemory',
        label: `\`experimental_streamTextLowMemory\` (ai ${AI7_VERSION}) over the same instance`,
        run: async (prompt, onText) => {
          await consumeAi7StreamText(
            'slow turn /v4 low memory',
            streamTextModel,
            prompt,
            undefined,
            onText,
            'streamTextLowMemory',
          );
        },
      },
    ];
    const rows: SlowTurnRow[] = [];
    for (const consumer of consumers) {
      const row = await measureSlowTurns(consumer, plan.slow, await server.clockOffsetMs());
      log(
        `  ${row.path}: ${(row.retainedPerTurn / 1024).toFixed(1)} KiB per turn, lag p99 ${row.lag.p99.toFixed(2)} ms, ${row.errors} errors`,
      );
      rows.push(row);
    }
    return rows;
  } finally {
    await server.close();
  }
}

async function throughput(plan: Ai7Plan, log: (line: string) => void) {
  const emulator = await startServerProcess('emulator-server');
  const openAi = await startServerProcess('openai-sse-server');
  try {
    const warmup = benchPrompt(1, plan.bytes);
    const v4 = await warmAi7Provider('v4', await loadAi7Provider('v4'), emulator.url, warmup);
    const v3 = await warmAi7Provider('v3', await loadAi7Provider('v3'), emulator.url, warmup);
    const paths = [
      await rawPath(emulator.url),
      ai7ProviderPath(v4),
      ai7ProviderPath(v3),
      ai7OpenAiPath(openAi.url),
    ];
    log(`throughput: ${paths.map((p) => p.id).join(', ')} at ${plan.lengths.join(', ')} events`);
    return await measureThroughput(
      paths,
      {
        lengths: plan.lengths,
        roundsFor: plan.rounds,
        bytes: plan.bytes,
        warmupLength: plan.warmupLength,
      },
      [emulator, openAi],
      log,
    );
  } finally {
    await Promise.all([emulator.close(), openAi.close()]);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      // Development aid: one part alone (the others left empty, their targets not measured).
      only: { type: 'string' },
    },
  });
  if (!values.out) {
    throw new Error('usage: run-bench-ai7.js --out <file.json> [--quick] [--only <part>]');
  }
  const only = values.only;
  if (only !== undefined && !['cold-start', 'slow-turns', 'throughput'].includes(only)) {
    throw new Error(`--only takes cold-start, slow-turns or throughput, got "${only}"`);
  }
  const runs = (part: string) => only === undefined || only === part;
  const plan = planFrom(values.quick);
  const started = performance.now();
  const loadAtStart = loadavg();
  const log = (line: string) => console.log(line);
  log(`Node ${process.version}, ai ${AI7_VERSION}`);
  // First, while no server of this part runs.
  log(
    `cold start: robocoders-ai-provider/v4 and ${AI7_COLD_START_PEER.label}, ${plan.coldStartRounds} rounds`,
  );
  const cold = runs('cold-start') ? await coldStart(plan) : undefined;
  const { turns, eventsPerTurn, paceMs } = plan.slow;
  log(`slow turns: ${turns} × ${eventsPerTurn} messages, one every ${paceMs} ms`);
  const slow = runs('slow-turns') ? await slowTurns(plan, log) : [];
  const rows = runs('throughput') ? await throughput(plan, log) : [];
  const results: Ai7Results = {
    measured: true,
    node: process.version,
    aiVersion: AI7_VERSION,
    openAiCompatibleVersion: OPENAI_COMPATIBLE_3_VERSION,
    throughput: rows,
    targetLengths: plan.targetLengths,
    ...(cold ? { coldStart: cold } : {}),
    slowTurns: slow,
    targets: judgeAi7Targets({
      throughput: rows,
      targetLengths: plan.targetLengths,
      coldStart: cold,
      coldStartPeer: AI7_COLD_START_PEER,
      slowTurns: slow,
    }),
    durationSeconds: (performance.now() - started) / 1000,
    loadAverage: { start: loadAtStart, end: loadavg() },
  };
  writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
