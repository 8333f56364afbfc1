import { describe, expect, it } from 'vitest';
import { loadAverageText } from './results-markdown.js';
import { ai7Section, type MarkdownKit } from './results-markdown-ai7.js';

const kit: MarkdownKit = {
  table: (header, rows) => [header, ...rows].map((row) => row.join(' | ')).join('\n'),
  throughputSection: () => 'throughput',
  coldStartSection: () => 'cold start',
  loadAverageText,
};

describe('ai7Section', () => {
  it('says why the ai 7 part is missing', () => {
    expect(ai7Section(undefined, kit)).toContain('`--no-ai7`');
    expect(ai7Section({ measured: false, reason: 'exit 1' }, kit)).toContain(
      'Not measured: exit 1.',
    );
  });
});

describe('loadAverageText', () => {
  it('shows the load at both ends of the run', () => {
    expect(loadAverageText({ start: [2.5, 4, 3.25], end: [8, 5.5, 4] })).toBe(
      '2.50, 4.00, 3.25 at the start, 8.00, 5.50, 4.00 at the end',
    );
  });
});
