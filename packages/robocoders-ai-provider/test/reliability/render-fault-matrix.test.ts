import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FAULT_MATRIX, MATRIX_ENDPOINTS } from './fault-matrix';
import {
  FAULT_MATRIX_END,
  FAULT_MATRIX_START,
  renderFaultMatrix,
  withFaultMatrix,
} from './render-fault-matrix';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));

/**
 * Table layout a Markdown formatter may change (cell padding, dash counts) is ignored, so the
 * check is about content only.
 */
function normalise(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' ').replace(/-{3,}/g, '---'))
    .filter((line) => line !== '')
    .join('\n');
}

describe('the README fault table', () => {
  it('renders every row and every endpoint', () => {
    const rendered = renderFaultMatrix();
    for (const endpoint of MATRIX_ENDPOINTS) {
      expect(FAULT_MATRIX.some((row) => row.endpoint === endpoint)).toBe(true);
    }
    const tableRows = rendered.split('\n').filter((line) => /^\| (?!fault |---)/.test(line));
    expect(tableRows).toHaveLength(FAULT_MATRIX.length);
  });

  it('replaces only the text between the markers', () => {
    const readme = `# x\n\nbefore\n${FAULT_MATRIX_START}\nold\n${FAULT_MATRIX_END}\nafter\n`;
    const updated = withFaultMatrix(readme, 'new table');
    expect(updated).toBe(
      `# x\n\nbefore\n${FAULT_MATRIX_START}\n\nnew table\n\n${FAULT_MATRIX_END}\nafter\n`,
    );
    expect(() => withFaultMatrix('# no markers')).toThrow(/needs the markers/);
  });

  // Run with UPDATE_FAULT_MATRIX=1 to rewrite the README section from the table.
  it('is up to date with the fault matrix (UPDATE_FAULT_MATRIX=1 rewrites it)', () => {
    const readme = readFileSync(README, 'utf8');
    const expected = withFaultMatrix(readme);
    if (process.env.UPDATE_FAULT_MATRIX === '1') {
      const ci = process.env.CI;
      expect(
        ci === undefined || ci === '' || ci === 'false',
        'CI checks the README, never rewrites it',
      ).toBe(true);
      // Re-read right before writing: other sections of the README change independently.
      writeFileSync(README, withFaultMatrix(readFileSync(README, 'utf8')));
      expect(readFileSync(README, 'utf8')).toContain(renderFaultMatrix());
      return;
    }
    expect(
      normalise(readme),
      'README "Failure behaviour" is out of date: run UPDATE_FAULT_MATRIX=1 pnpm --filter robocoders-ai-provider exec vitest run test/reliability/render-fault-matrix.test.ts',
    ).toBe(normalise(expected));
  });
});
