import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runAi7Part } from './ai7-child.js';
import type { Ai7Outcome } from './ai7-results.js';
import { renderThroughputSvg } from './chart.js';
import {
  AI4_TO_6_PEERS,
  COLD_START_PEER,
  type ColdStartResult,
  judgeColdStart,
  measureColdStart,
} from './cold-start.js';
import { type ConcurrencyRow, measureConcurrency } from './concurrency.js';
import { type MemoryRow, measureMemory } from './memory.js';
import {
  type MeasuredPath,
  openAiDoStreamPath,
  openAiModel,
  openAiStreamTextPath,
  providerDoStreamPath,
  providerStreamTextPath,
  rawPath,
  type WarmProvider,
  warmProvider,
} from './paths.js';
import { type ProfileRun, profileEmulator, profilePath } from './profile.js';
import { loadProvider } from './provider.js';
import { openRawSession } from './raw-reader.js';
import { measureRequestsPerTurn, type RequestsPerTurn } from './requests.js';
import type { BenchResults, MachineInfo, TargetVerdict } from './results.js';
import { renderResultsMarkdown } from './results-markdown.js';
import { startServerProcess } from './server-process.js';
import { judgeTargets } from './targets.js';
import { measureThroughput, type ThroughputRow } from './throughput.js';
import { measureTtft, type TtftResult } from './ttft.js';

/** What a run measures; `--quick` is a smoke run for development, not for RESULTS.md. */
interface Plan {
  mode: 'full' | 'quick';
  lengths: number[];
  targetLengths: number[];
  rounds: (length: number) => number;
  warmupLength: number;
  bytes: number;
  ttftCalls: number;
  ttftWarmup: number;
  concurrentColdCalls: number;
  memoryLengths: number[];
  concurrentStreams: number;
  eventsPerConcurrentStream: number;
  profileLength: number;
  coldStartRounds: number;
  outDir: string;
}

const BENCH_DIR = fileURLToPath(new URL('../', import.meta.url));
/** A run that hangs must not hold a CI machine: it fails after this. */
const HARD_LIMIT_MS = 20 * 60_000;
/** The ai 7 part takes about 5 minutes; a hung child is ended after this. */
const AI7_LIMIT_MS = 12 * 60_000;

function planFrom(
  argv: string[],
): Plan & { profile: boolean; coldStartOnly: boolean; ai7: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      'no-profile': { type: 'boolean', default: false },
      out: { type: 'string' },
      only: { type: 'string' },
      'no-ai7': { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const ai7 = !values['no-ai7'];
  const profile = !values['no-profile'];
  if (values.only !== undefined && values.only !== 'cold-start') {
    throw new Error(`--only takes "cold-start", got "${values.only}"`);
  }
  const coldStartOnly = values.only === 'cold-start';
  if (values.quick) {
    return {
      mode: 'quick',
      lengths: [2_000, 20_000],
      targetLengths: [2_000, 20_000],
      rounds: () => 2,
      warmupLength: 2_000,
      bytes: 16,
      ttftCalls: 30,
      ttftWarmup: 5,
      concurrentColdCalls: 10,
      memoryLengths: [2_000, 20_000],
      concurrentStreams: 20,
      eventsPerConcurrentStream: 500,
      profileLength: 20_000,
      coldStartRounds: 5,
      outDir: values.out ?? `${BENCH_DIR}profiles/quick/`,
      profile,
      coldStartOnly,
      ai7,
    };
  }
  return {
    mode: 'full',
    lengths: [2_000, 20_000, 200_000],
    targetLengths: [20_000, 200_000],
    rounds: (length) => (length >= 200_000 ? 5 : 9),
    warmupLength: 20_000,
    bytes: 16,
    ttftCalls: 200,
    ttftWarmup: 20,
    concurrentColdCalls: 20,
    memoryLengths: [20_000, 200_000],
    concurrentStreams: 200,
    eventsPerConcurrentStream: 1_000,
    profileLength: 200_000,
    coldStartRounds: 25,
    outDir: values.out ?? BENCH_DIR,
    profile,
    coldStartOnly,
    ai7,
  };
}

function machine(loadAtStart: number[]): MachineInfo {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round(totalmem() / 1024 ** 3),
    node: process.version,
    os: `${type()} ${release()}`,
    date: new Date().toISOString(),
    loadAverage: { start: loadAtStart, end: loadavg() },
  };
}

const COLD_START_ENTRIES = [
  'robocoders-ai-provider',
  'robocoders-ai-provider/v2',
  'robocoders-ai-provider/v3',
];

async function coldStart(plan: Plan, log: (line: string) => void): Promise<ColdStartResult> {
  log(
    `cold start: ${COLD_START_ENTRIES.join(', ')} and their peers, ${plan.coldStartRounds} rounds`,
  );
  return {
    rows: await measureColdStart(
      COLD_START_ENTRIES,
      BENCH_DIR,
      plan.coldStartRounds,
      COLD_START_PEER,
      AI4_TO_6_PEERS,
    ),
    peers: { ...AI4_TO_6_PEERS },
    rounds: plan.coldStartRounds,
    date: new Date().toISOString(),
    node: process.version,
  };
}

/**
 * `--only cold-start`: measures the cold start alone and puts it into the results of the last
 * run in `outDir` (its other sections unchanged), then renders RESULTS.md again.
 */
async function coldStartOnly(plan: Plan, log: (line: string) => void): Promise<void> {
  const file = `${plan.outDir}results.json`;
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  results.coldStart = await coldStart(plan, log);
  results.targets = [
    ...results.targets.filter((target) => !target.id.startsWith('cold-start')),
    ...judgeColdStart(results.coldStart),
  ];
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${plan.outDir}RESULTS.md`, renderResultsMarkdown(results));
  for (const target of results.targets.filter((t) => t.id.startsWith('cold-start'))) {
    log(`${target.status.padEnd(12)} ${target.target}: ${target.measured}`);
  }
  log(`wrote ${plan.outDir}RESULTS.md, results.json (cold start only)`);
}

/** What the ai 4 part measured: everything of `BenchResults` but the run's frame. */
type Ai4Results = Pick<
  BenchResults,
  'provider' | 'throughput' | 'ttft' | 'requests' | 'memory' | 'concurrency' | 'profiles' | 'notes'
> & { targets: TargetVerdict[] };

/** The provider's paths through ai 4 beside the raw reader and openai-compatible 0.2.16. */
async function measureAi4(
  plan: Plan & { profile: boolean },
  log: (line: string) => void,
): Promise<Ai4Results> {
  const emulator = await startServerProcess('emulator-server');
  const openAi = await startServerProcess('openai-sse-server');
  const notes: string[] = [];
  try {
    const loaded = await loadProvider();
    let warm: WarmProvider | undefined;
    if (loaded.ok) warm = await warmProvider(loaded.createRobocoders, emulator.url);
    else log(`provider not measured: ${loaded.reason}`);
    if (warm && !warm.sessionId) {
      notes.push(
        'The provider reported no `providerMetadata.robocoders.sessionId`, so every provider call ran in a new session (one more request per call).',
      );
    }

    const openAi4 = openAiModel(openAi.url);
    const paths: MeasuredPath[] = [await rawPath(emulator.url)];
    if (warm) paths.push(providerDoStreamPath(warm), providerStreamTextPath(warm));
    paths.push(openAiDoStreamPath(openAi4), openAiStreamTextPath(openAi4));

    log(`throughput: ${paths.map((p) => p.id).join(', ')} at ${plan.lengths.join(', ')} events`);
    const throughput = await measureThroughput(
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

    let ttft: TtftResult | undefined;
    let requests: RequestsPerTurn | undefined;
    if (warm && loaded.ok) {
      log(`time to first token: ${plan.ttftCalls} warm calls per path`);
      ttft = await measureTtft(
        await openRawSession(emulator.url),
        loaded.createRobocoders,
        emulator.url,
        plan.ttftCalls,
        plan.ttftWarmup,
      );
      log('requests per turn');
      requests = await measureRequestsPerTurn(
        loaded.createRobocoders,
        emulator.url,
        plan.concurrentColdCalls,
      );
    }

    const memory: MemoryRow[] = [];
    const memoryPaths = warm ? ['raw', 'provider-doStream', 'provider-streamText'] : ['raw'];
    for (const path of memoryPaths) {
      for (const length of plan.memoryLengths) {
        log(`memory: ${path} at ${length} events`);
        memory.push(await measureMemory(emulator.url, path, length, plan.bytes));
      }
    }

    log(
      `concurrency: ${plan.concurrentStreams} streams × ${plan.eventsPerConcurrentStream} events`,
    );
    const concurrency: ConcurrencyRow[] = await measureConcurrency(
      emulator.url,
      warm?.model,
      plan.concurrentStreams,
      plan.eventsPerConcurrentStream,
      plan.bytes,
    );

    const targets = judgeTargets({
      throughput,
      targetLengths: plan.targetLengths,
      memory,
      concurrency,
      ...(ttft ? { ttft } : {}),
      ...(requests ? { requests } : {}),
    });
    const profiles = plan.profile
      ? await takeProfiles(
          plan,
          { emulator: emulator.url, openAi: openAi.url },
          warm,
          targets,
          throughput,
          log,
        )
      : [];
    return {
      provider: loaded.ok
        ? { loaded: true, warmSession: Boolean(warm?.sessionId) }
        : { loaded: false, reason: loaded.reason, warmSession: false },
      throughput,
      ...(ttft ? { ttft } : {}),
      ...(requests ? { requests } : {}),
      memory,
      concurrency,
      targets,
      profiles,
      notes,
    };
  } finally {
    await Promise.all([emulator.close(), openAi.close()]);
  }
}

/**
 * The provider's own path and its floor are always profiled; the others when a target on them
 * is missed, and the emulator when it, not the client, set the pace.
 */
async function takeProfiles(
  plan: Plan,
  urls: { emulator: string; openAi: string },
  warm: WarmProvider | undefined,
  targets: readonly TargetVerdict[],
  throughput: readonly ThroughputRow[],
  log: (line: string) => void,
): Promise<ProfileRun[]> {
  const profiles: ProfileRun[] = [];
  const toProfile: string[] = ['raw'];
  if (warm) toProfile.push('provider-doStream');
  if (warm && targets.find((t) => t.id === 'streamText-vs-openai')?.status === 'missed') {
    toProfile.push('provider-streamText', 'openai-streamText');
  }
  for (const path of toProfile) {
    log(`profile: ${path} at ${plan.profileLength} events (node --cpu-prof)`);
    profiles.push(
      await profilePath(
        urls.emulator,
        urls.openAi,
        path,
        plan.profileLength,
        plan.bytes,
        `${BENCH_DIR}profiles`,
      ),
    );
  }
  if (throughput.some((row) => row.path === 'raw' && row.serverCpuMs > 1.5 * row.cpuMs)) {
    log(`profile: the emulator at ${plan.profileLength} events (node --cpu-prof)`);
    profiles.push(await profileEmulator(plan.profileLength, plan.bytes, `${BENCH_DIR}profiles`));
  }
  return profiles;
}

async function main(): Promise<void> {
  const plan = planFrom(process.argv.slice(2));
  const started = performance.now();
  const loadAtStart = loadavg();
  const log = (line: string) =>
    console.log(
      `[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`,
    );
  log(`${plan.mode} run on ${cpus().length} cores, Node ${process.version}`);
  if (plan.coldStartOnly) {
    await coldStartOnly(plan, log);
    return;
  }
  // First, while no server of the bench is running yet.
  const cold = await coldStart(plan, log);
  const ai4 = await measureAi4(plan, log);
  // After the ai 4 part has stopped its servers: the ai 7 part starts its own, on Node 22.
  let ai7: Ai7Outcome | undefined;
  if (plan.ai7) {
    log('ai 7 part: a child process under Node 22 (with-node-22)');
    ai7 = await runAi7Part({ quick: plan.mode === 'quick', timeoutMs: AI7_LIMIT_MS }, log);
    if (!ai7.measured) log(`ai 7 not measured: ${ai7.reason}`);
  }

  const results: BenchResults = {
    machine: machine(loadAtStart),
    mode: plan.mode,
    bytesPerDelta: plan.bytes,
    ...ai4,
    coldStart: cold,
    targets: [...ai4.targets, ...judgeColdStart(cold)],
    ...(ai7 ? { ai7 } : {}),
    durationSeconds: (performance.now() - started) / 1000,
  };
  mkdirSync(plan.outDir, { recursive: true });
  const subtitle = `${results.machine.cpuModel} × ${results.machine.cores}, Node ${results.machine.node}, ${results.machine.date.slice(0, 10)}`;
  writeFileSync(
    `${plan.outDir}throughput.svg`,
    await renderThroughputSvg(results.throughput, subtitle),
  );
  writeFileSync(`${plan.outDir}results.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${plan.outDir}RESULTS.md`, renderResultsMarkdown(results));
  const ai7Targets = ai7?.measured ? ai7.targets : [];
  for (const target of [...results.targets, ...ai7Targets]) {
    log(`${target.status.padEnd(12)} ${target.target}: ${target.measured}`);
  }
  log(`wrote ${plan.outDir}RESULTS.md, throughput.svg, results.json`);
}

const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${HARD_LIMIT_MS / 60_000} minutes, giving up`);
  process.exit(1);
}, HARD_LIMIT_MS);
watchdog.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
