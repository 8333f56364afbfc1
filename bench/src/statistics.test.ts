import { describe, expect, it } from 'vitest';
import { formatNumber, median, percentile } from './statistics.js';

describe('median', () => {
  it('takes the middle of an odd count and the mean of the middle two of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('percentile', () => {
  it('interpolates between ranks', () => {
    const samples = Array.from({ length: 101 }, (_, i) => 100 - i);
    expect(percentile(samples, 0)).toBe(0);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([0, 10], 25)).toBe(2.5);
  });

  it('rejects an empty sample set and an out-of-range p', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(/0-100/);
  });
});

describe('formatNumber', () => {
  it('groups thousands and fixes decimals', () => {
    expect(formatNumber(1234567.891, 1)).toBe('1,234,567.9');
  });
});
