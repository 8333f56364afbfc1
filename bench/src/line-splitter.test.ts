import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter.js';

function split(chunks: string[]): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return lines;
}

describe('LineSplitter', () => {
  it('joins lines split across chunks and keeps a last line without newline', () => {
    expect(split(['{"a":', '1}\n{"b"', ':2}\n\n{"c":3}'])).toEqual([
      '{"a":1}',
      '{"b":2}',
      '{"c":3}',
    ]);
  });

  it('gives the same lines whatever the chunking', () => {
    const text = 'one\ntwo\nthree\n';
    const whole = split([text]);
    const byChar = split([...text]);
    expect(byChar).toEqual(whole);
    expect(whole).toEqual(['one', 'two', 'three']);
  });
});
