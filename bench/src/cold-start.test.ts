import { describe, expect, it } from 'vitest';
import { AI4_TO_6_PEERS, type ColdStartRow, judgeColdStart } from './cold-start.js';

const row = (entry: string, gzipBytes: number, importMs: number): ColdStartRow => ({
  entry,
  minifiedBytes: gzipBytes * 3,
  gzipBytes,
  importMs,
  importSamples: [importMs],
});

describe('judgeColdStart', () => {
  const result = (v2ImportMs: number) => ({
    rows: [
      row('robocoders-ai-provider', 9000, 30),
      row('robocoders-ai-provider/v2', 9500, v2ImportMs),
      row('robocoders-ai-provider/v3', 9600, 70),
      row('@ai-sdk/openai-compatible', 9400, 30),
      row('openai-compatible-1', 18000, 80),
      row('openai-compatible-2', 23000, 85),
    ],
    peers: { ...AI4_TO_6_PEERS },
    rounds: 1,
    date: 'now',
    node: 'v20',
  });

  it('judges each entry against the peer of its own ai major', () => {
    const [weight, time] = judgeColdStart(result(75));
    expect(weight.status).toBe('met');
    expect(time.status).toBe('met');
    expect(time.measured).toContain(
      'robocoders-ai-provider/v2 0.94× (vs @ai-sdk/openai-compatible 1.0.61)',
    );
    expect(time.target).toContain('the @ai-sdk/openai-compatible of its ai major');
  });

  it('misses when one entry is slower than its peer allows', () => {
    expect(judgeColdStart(result(100))[1]?.status).toBe('missed');
  });

  it('says "not measured" when a peer is missing', () => {
    const partial = { ...result(75), rows: result(75).rows.slice(0, 4) };
    expect(judgeColdStart(partial).map((verdict) => verdict.status)).toEqual([
      'not measured',
      'not measured',
    ]);
  });
});
