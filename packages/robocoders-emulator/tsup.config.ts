import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
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
