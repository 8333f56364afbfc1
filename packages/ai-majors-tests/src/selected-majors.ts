/** An ai major these suites cover. */
export type AiMajor = 5 | 6 | 7;

// ai 7 declares `engines: node >= 22`; its suites run through `with-node-22` (`pnpm test:ai7`).
const NODE_FOR_MAJOR: Record<AiMajor, number> = { 5: 18, 6: 18, 7: 22 };

function parseMajors(raw: string | undefined): AiMajor[] {
  if (raw === undefined || raw.trim() === '') return [5, 6, 7];
  return raw.split(',').map((item) => {
    const major = Number(item.trim());
    if (major !== 5 && major !== 6 && major !== 7) {
      throw new Error(`AI_MAJORS must list 5, 6 or 7 (comma-separated), got "${raw}"`);
    }
    return major;
  });
}

/**
 * The ai majors this run covers: `AI_MAJORS` (e.g. `5,6` or `7`), else all. A major whose
 * minimum Node is above the running one is an error rather than a silent pass on the wrong Node.
 */
export const SELECTED_MAJORS: readonly AiMajor[] = (() => {
  const majors = parseMajors(process.env.AI_MAJORS);
  const node = Number(process.versions.node.split('.')[0]);
  for (const major of majors) {
    if (node < NODE_FOR_MAJOR[major]) {
      throw new Error(
        `ai ${major} needs Node ${NODE_FOR_MAJOR[major]} or newer, this is Node ${process.versions.node}: run \`pnpm test:ai${major}\` (with-node-22).`,
      );
    }
  }
  return majors;
})();

/** Whether this run covers `major`. */
export function runsMajor(major: AiMajor): boolean {
  return SELECTED_MAJORS.includes(major);
}
