import type { LanguageModelV1 } from 'ai';
import { benchClosing, benchPrompt } from './bench-text.js';
import { clearRequestLog, countRequests, type RequestCounts } from './emulator-control.js';
import { consumeStreamText } from './paths.js';
import { createRawSession, openRawSession, readRawTurn } from './raw-reader.js';
import { percentile } from './statistics.js';

export interface ConcurrencyRow {
  path: 'raw' | 'provider-streamText';
  streams: number;
  eventsPerStream: number;
  wallMs: number;
  eventsPerSecond: number;
  ttftP50: number;
  ttftP99: number;
  errors: number;
  firstError?: string;
  requests?: RequestCounts;
}

interface StreamTiming {
  ttft: number;
  ok: boolean;
  error?: string;
}

async function runConcurrently(
  streams: number,
  one: (index: number) => Promise<{ firstTextAt: number; chars: number }>,
  expectedChars: number,
): Promise<{ wallMs: number; timings: StreamTiming[] }> {
  const start = performance.now();
  const timings = await Promise.all(
    Array.from({ length: streams }, async (_, index): Promise<StreamTiming> => {
      const began = performance.now();
      try {
        const outcome = await one(index);
        const ok = outcome.chars >= expectedChars;
        return {
          ttft: outcome.firstTextAt - began,
          ok,
          ...(ok ? {} : { error: `short stream: ${outcome.chars} of ${expectedChars} characters` }),
        };
      } catch (error) {
        return { ttft: Number.NaN, ok: false, error: (error as Error).message };
      }
    }),
  );
  return { wallMs: performance.now() - start, timings };
}

function summarize(
  path: ConcurrencyRow['path'],
  streams: number,
  eventsPerStream: number,
  run: { wallMs: number; timings: StreamTiming[] },
): ConcurrencyRow {
  const ttfts = run.timings.filter((t) => t.ok).map((t) => t.ttft);
  const failures = run.timings.filter((t) => !t.ok);
  return {
    path,
    streams,
    eventsPerStream,
    wallMs: run.wallMs,
    eventsPerSecond: ((streams * eventsPerStream) / run.wallMs) * 1000,
    ttftP50: ttfts.length ? percentile(ttfts, 50) : Number.NaN,
    ttftP99: ttfts.length ? percentile(ttfts, 99) : Number.NaN,
    errors: failures.length,
    ...(failures[0]?.error ? { firstError: failures[0].error } : {}),
  };
}

/**
 * `streams` streams at once from this process, each in a new session (create-session + chat),
 * as a server handling many new conversations runs them: the raw reader for reference, then
 * `streamText` over one provider instance whose token is warm.
 */
export async function measureConcurrency(
  emulatorUrl: string,
  model: LanguageModelV1 | undefined,
  streams: number,
  eventsPerStream: number,
  bytes: number,
): Promise<ConcurrencyRow[]> {
  const expectedChars = eventsPerStream * bytes + benchClosing(eventsPerStream, bytes).length;
  const prompt = benchPrompt(eventsPerStream, bytes);
  // Like the provider's streams, each raw stream creates its session (token shared).
  const { token } = await openRawSession(emulatorUrl);
  const rawRun = await runConcurrently(
    streams,
    async () => {
      const session = await createRawSession(emulatorUrl, token);
      const turn = await readRawTurn(session, prompt);
      return { firstTextAt: turn.firstTextAt, chars: turn.textChars };
    },
    expectedChars,
  );
  const rows = [summarize('raw', streams, eventsPerStream, rawRun)];
  if (model) {
    await clearRequestLog(emulatorUrl);
    const providerRun = await runConcurrently(
      streams,
      () => consumeStreamText('concurrent streamText', model, prompt),
      expectedChars,
    );
    rows.push({
      ...summarize('provider-streamText', streams, eventsPerStream, providerRun),
      requests: await countRequests(emulatorUrl),
    });
  }
  return rows;
}
