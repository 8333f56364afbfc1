import { describe, expect, it } from 'vitest';
import { areaOf, type CpuProfile, summarizeProfile } from './profile-summary.js';

const frame = (id: number, functionName: string, url: string, hitCount: number) => ({
  id,
  callFrame: { functionName, url, lineNumber: id, columnNumber: 0 },
  hitCount,
});

describe('areaOf', () => {
  it('names the package a frame comes from', () => {
    const pnpm = 'file:///r/node_modules/.pnpm/ai@4.3.19/node_modules/ai/dist/index.mjs';
    expect(areaOf('streamText', pnpm)).toBe('ai');
    expect(
      areaOf('x', 'file:///r/node_modules/.pnpm/a/node_modules/@ai-sdk/provider-utils/dist/i.mjs'),
    ).toBe('@ai-sdk/provider-utils');
    expect(areaOf('push', 'file:///r/packages/robocoders-ai-provider/dist/index.js')).toBe(
      'robocoders-ai-provider',
    );
    expect(areaOf('read', 'node:internal/webstreams/readablestream')).toBe('Node web streams');
    expect(areaOf('parse', '')).toMatch(/natives/);
    expect(areaOf('(garbage collector)', '')).toBe('V8 garbage collector');
  });
});

describe('summarizeProfile', () => {
  it('ranks functions by self time, leaves idle out and resolves locations', () => {
    const profile: CpuProfile = {
      startTime: 0,
      endTime: 100_000,
      nodes: [
        frame(1, '(root)', '', 0),
        frame(2, '(idle)', '', 50),
        frame(3, 'parseLine', 'file:///r/packages/robocoders-ai-provider/dist/index.js', 30),
        frame(4, 'JSON.parse', '', 20),
      ],
    };
    const summary = summarizeProfile(profile, (url, line) =>
      url.includes('provider') ? { source: 'src/core/decode.ts', line: line + 10 } : undefined,
    );
    expect(summary.totalMs).toBeCloseTo(50);
    expect(summary.frames[0]).toMatchObject({
      functionName: 'parseLine',
      location: 'src/core/decode.ts:14',
      share: 0.6,
    });
    expect(summary.areas.map((a) => a.area)).toEqual([
      'robocoders-ai-provider',
      'V8/Node natives (JSON.parse, TextDecoder, microtasks...)',
    ]);
  });

  it('counts only the samples inside a window', () => {
    const profile: CpuProfile = {
      startTime: 1_000,
      endTime: 5_000,
      nodes: [frame(1, 'startup', '', 2), frame(2, 'hot', '', 2)],
      samples: [1, 1, 2, 2],
      timeDeltas: [500, 1_000, 1_000, 1_000],
    };
    const summary = summarizeProfile(profile, undefined, 12, { startUs: 3_000, endUs: 5_000 });
    expect(summary.frames.map((f) => f.functionName)).toEqual(['hot']);
    expect(summary.totalMs).toBeCloseTo(2);
  });
});
