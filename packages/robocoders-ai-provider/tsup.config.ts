import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  // One entry per AI SDK spec version: `.` is V1 (ai 4), `./v2` ai 5, `./v3` ai 6, `./v4` ai 7.
  entry: {
    index: 'src/index.ts',
    'v2/index': 'src/v2/index.ts',
    'v3/index': 'src/v3/index.ts',
    'v4/index': 'src/v4/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // `VERSION` (src/core/version.ts): the published version, also in the User-Agent.
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
});
