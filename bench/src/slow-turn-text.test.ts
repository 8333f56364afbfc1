import { describe, expect, it } from 'vitest';
import {
  parseSlowTurnPrompt,
  readStamps,
  slowTurnPrompt,
  stampedContent,
} from './slow-turn-text.js';

describe('slow-turn text', () => {
  it('round-trips the prompt', () => {
    expect(parseSlowTurnPrompt(slowTurnPrompt(30, 500))).toEqual({ count: 30, paceMs: 500 });
    expect(parseSlowTurnPrompt('bench 30 16')).toBeUndefined();
  });

  it('reads every stamp of a delta, separators and merged messages included', () => {
    const text = `${stampedContent(1796000000000.125)}\n\n${stampedContent(1796000000500.5)}`;
    expect(readStamps(text)).toEqual([1796000000000.125, 1796000000500.5]);
    expect(readStamps('no stamp here')).toEqual([]);
  });
});
