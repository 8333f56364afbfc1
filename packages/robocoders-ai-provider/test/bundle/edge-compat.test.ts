import { build } from 'esbuild';

// The edge project runs the tests with the Edge Runtime's globals, but vitest still loads modules
// with Node's loader (and lends the VM `Buffer`), so a `node:` import or a Node global would slip
// through there. This bundles every entry point for a platform without Node, with the
// conditions edge bundlers use, and looks for what edge runtimes lack.
const ENTRIES = ['src/index.ts', 'src/v2/index.ts', 'src/v3/index.ts', 'src/v4/index.ts'];

describe('edge compatibility of the published entry points', () => {
  it('bundles without Node built-ins and uses no Node-only global', async () => {
    const result = await build({
      entryPoints: ENTRIES,
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      conditions: ['edge-light', 'worker', 'browser', 'import', 'default'],
      mainFields: ['module', 'main'],
      write: false,
      outdir: 'edge-bundle',
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles).toHaveLength(ENTRIES.length);
    for (const file of result.outputFiles) {
      const code = file.text;
      expect(code).not.toMatch(/\brequire\(|\b__dirname\b|\b__filename\b|\bsetImmediate\(/);
      // Node globals only behind a feature test: `process.env` for settings from the
      // environment, `Buffer` fallbacks in dependencies for runtimes without atob.
      for (const match of code.matchAll(/\b(process|Buffer)\.\w+|\bnew Buffer\b/g)) {
        const before = code.slice(Math.max(0, match.index - 300), match.index + match[0].length);
        const guard = match[0].startsWith('process') ? /typeof process/ : /typeof Buffer|hasBuffer/;
        expect(before, `unguarded ${match[0]} in ${file.path}`).toMatch(guard);
      }
    }
  });

  it('fails on a Node built-in, so the check above can catch one', async () => {
    await expect(
      build({
        stdin: { contents: "import { readFileSync } from 'node:fs'; readFileSync('x');" },
        bundle: true,
        platform: 'neutral',
        write: false,
        logLevel: 'silent',
      }),
    ).rejects.toThrow(/node:fs/);
  });
});
