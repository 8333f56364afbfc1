import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library and its test helpers (`robocoders-emulator/testing`, vitest a peer and
    // external), built together so the ESM builds share one copy of the emulator.
    entry: { index: 'src/index.ts', 'testing/index': 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    // jose 6 is ESM-only; bundled so the CJS build loads with require() on Node < 20.19 too.
    noExternal: ['jose'],
  },
  {
    entry: ['src/cli.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    // Bundled like the library build: jose is a devDependency only.
    noExternal: ['jose'],
  },
]);
