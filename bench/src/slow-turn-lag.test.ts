import { describe, expect, it } from 'vitest';
import { LagRecorder, retainedPerTurn, summarizeLags } from './slow-turn-lag.js';
import { stampedContent } from './slow-turn-text.js';

const at = (ms: number) => 1_796_000_000_000 + ms;

describe('LagRecorder', () => {
  it('counts only messages sent once every turn is open', () => {
    const recorder = new LagRecorder(2, 0);
    recorder.receive(0, stampedContent(at(0)), at(5));
    expect(recorder.allOpenAt).toBeUndefined();
    recorder.receive(1, stampedContent(at(10)), at(20));
    expect(recorder.allOpenAt).toBe(at(20));
    // Sent before the window opened: left out.
    recorder.receive(0, stampedContent(at(15)), at(30));
    recorder.receive(0, stampedContent(at(500)), at(503));
    expect(recorder.lags).toEqual([3]);
    expect(recorder.stampsOf(0)).toBe(3);
    expect(recorder.stampsOf(1)).toBe(1);
  });

  it('maps stamps to the consumer clock and reads merged messages', () => {
    // The server's clock runs 100 ms ahead of the consumer's.
    const recorder = new LagRecorder(1, 100);
    recorder.receive(0, stampedContent(at(100)), at(1));
    const merged = `${stampedContent(at(600))}\n\n${stampedContent(at(1100))}`;
    recorder.receive(0, merged, at(1002));
    expect(recorder.lags).toEqual([502, 2]);
  });

  it('ignores what arrives after close and text without stamps', () => {
    const recorder = new LagRecorder(1, 0);
    recorder.receive(0, 'Sent 3 stamped messages.', at(0));
    expect(recorder.allOpenAt).toBeUndefined();
    recorder.receive(0, stampedContent(at(0)), at(1));
    recorder.receive(0, stampedContent(at(10)), at(12));
    recorder.close(at(20));
    recorder.receive(0, stampedContent(at(19)), at(90));
    expect(recorder.lags).toEqual([2]);
    expect(recorder.stampsOf(0)).toBe(3);
  });
});

describe('summarizeLags', () => {
  it('gives percentiles and the maximum', () => {
    const lags = Array.from({ length: 101 }, (_, i) => i);
    expect(summarizeLags(lags)).toEqual({ samples: 101, p50: 50, p99: 99, max: 100 });
  });

  it('is NaN without samples', () => {
    expect(summarizeLags([]).p99).toBeNaN();
  });
});

describe('retainedPerTurn', () => {
  it('shares the growth out over the turns', () => {
    expect(retainedPerTurn(10_000_000, 30_000_000, 1_000)).toBe(20_000);
    expect(() => retainedPerTurn(0, 1, 0)).toThrow(RangeError);
  });
});
