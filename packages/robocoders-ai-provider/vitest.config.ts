import { readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// The tests talk to emulators they start: the developer's own service settings must not reach them.
delete process.env.ROBOCODERS_API_KEY;
delete process.env.ROBOCODERS_BASE_URL;

// Unit tests sit beside the code (`src/**/*.test.ts`); suites that need a server, a browser-less
// edge runtime, Redis or the built package sit in `test/`. The provider's code must run on edge
// runtimes too, so every unit test runs twice: in Node (`unit`) and inside `@edge-runtime/vm`'s
// globals (`edge`: fetch, Request, streams, TextEncoder... of the Edge Runtime), where the edge
// project also runs its own integration files against an emulator started by its global setup.
const UNIT_TESTS = 'src/**/*.test.ts';
const EDGE_INTEGRATION_TESTS = 'test/edge/**/*.test.ts';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

export default defineConfig({
  // The same `VERSION` as the tsup build (src/core/version.ts).
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
  test: {
    globals: true,
    // Generous: CI runs every package at once on two cores, and the property tests and the edge
    // VM are slow on a busy machine; a test's speed must not decide whether it passes.
    testTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', environment: 'node', include: [UNIT_TESTS] },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: [EDGE_INTEGRATION_TESTS],
        },
      },
      {
        extends: true,
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          include: [UNIT_TESTS, EDGE_INTEGRATION_TESTS],
          globalSetup: ['test/edge/emulator-global-setup.ts'],
        },
      },
    ],
  },
});
