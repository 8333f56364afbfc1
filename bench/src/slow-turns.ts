import type { SlowTurnRow } from './ai7-results.js';
import { LagRecorder, retainedPerTurn, summarizeLags } from './slow-turn-lag.js';
import { epochNow, slowTurnPrompt } from './slow-turn-text.js';

/** How many slow turns, how long each, and when the heap is sampled. */
export interface SlowTurnPlan {
  turns: number;
  eventsPerTurn: number;
  paceMs: number;
  /** The heap is sampled this long after the first turn started, with every turn still open. */
  sampleAfterMs: number;
}

/** One way of holding a slow turn open: `onText` gets each piece of text as it arrives. */
export interface SlowTurnConsumer {
  path: SlowTurnRow['path'];
  label: string;
  run(prompt: string, onText: (text: string) => void): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fullGcHeap(): { heap: number; rss: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the slow-turn measurement needs node --expose-gc');
  // Twice: what the first collection frees through finalizers goes in the second.
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

/**
 * Opens `plan.turns` slow turns at once through `consumer` (their starts spread over one pace,
 * so the events of different turns do not all leave the server in the same millisecond),
 * samples the heap with all of them open, and records each message's lag from the server to
 * the consumer (see {@link LagRecorder} for which messages count).
 */
export async function measureSlowTurns(
  consumer: SlowTurnConsumer,
  plan: SlowTurnPlan,
  serverOffsetMs: number,
): Promise<SlowTurnRow> {
  const prompt = slowTurnPrompt(plan.eventsPerTurn, plan.paceMs);
  const recorder = new LagRecorder(plan.turns, serverOffsetMs, plan.turns * plan.eventsPerTurn);
  const finished = new Array<boolean>(plan.turns).fill(false);
  const baseline = fullGcHeap();
  const errors: string[] = [];
  const startedAt = epochNow();
  const started = performance.now();
  const runs = Array.from({ length: plan.turns }, async (_, turn) => {
    await sleep((turn * plan.paceMs) / plan.turns);
    try {
      await consumer.run(prompt, (text) => recorder.receive(turn, text, epochNow()));
      const got = recorder.stampsOf(turn);
      if (got !== plan.eventsPerTurn) {
        errors.push(`short turn: ${got} of ${plan.eventsPerTurn} stamped messages`);
      }
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    } finally {
      finished[turn] = true;
    }
  });

  await sleep(plan.sampleAfterMs);
  recorder.close(epochNow());
  const openAtSample = finished.filter((done) => !done).length;
  const withTurns = fullGcHeap();
  await Promise.all(runs);
  const wallMs = performance.now() - started;
  const allOpenAt = recorder.allOpenAt;
  return {
    path: consumer.path,
    label: consumer.label,
    turns: plan.turns,
    eventsPerTurn: plan.eventsPerTurn,
    paceMs: plan.paceMs,
    rampMs: allOpenAt === undefined ? Number.NaN : allOpenAt - startedAt,
    openAtSample,
    baselineHeap: baseline.heap,
    heapWithTurns: withTurns.heap,
    retainedPerTurn: retainedPerTurn(baseline.heap, withTurns.heap, plan.turns),
    rssWithTurns: withTurns.rss,
    clockOffsetMs: serverOffsetMs,
    lag: summarizeLags(recorder.lags),
    wallMs,
    errors: errors.length,
    ...(errors[0] ? { firstError: errors[0] } : {}),
  };
}
