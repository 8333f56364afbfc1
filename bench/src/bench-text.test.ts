import { describe, expect, it } from 'vitest';
import { benchContent, benchPrompt, parseBenchPrompt } from './bench-text.js';

describe('bench prompts', () => {
  it('round-trips count and bytes, with 16 bytes by default', () => {
    expect(parseBenchPrompt(benchPrompt(20_000, 32))).toEqual({ count: 20_000, bytes: 32 });
    expect(parseBenchPrompt('bench 5')).toEqual({ count: 5, bytes: 16 });
    expect(parseBenchPrompt('hello')).toBeUndefined();
  });

  it('makes deltas of exactly the asked size', () => {
    expect(benchContent(16)).toHaveLength(16);
    expect(benchContent(100)).toHaveLength(100);
  });
});
