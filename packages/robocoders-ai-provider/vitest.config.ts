import { defineConfig } from 'vitest/config';

// The tests talk to emulators they start: the developer's own service settings must not reach them.
delete process.env.ROBOCODERS_API_KEY;
delete process.env.ROBOCODERS_BASE_URL;

// The provider's code must run on edge runtimes too, so `test` runs two projects: everything in
// Node, and the tests that talk HTTP through `fetch` (unit tests with an injected fetch, and the
// edge integration test against an emulator started by the edge project's global setup) inside
// `@edge-runtime/vm`'s globals (fetch, Request, streams, TextEncoder... of the Edge Runtime).
export default defineConfig({
  test: {
    globals: true,
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          exclude: ['src/edge/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'edge',
          environment: 'edge-runtime',
          include: [
            'src/edge/**/*.test.ts',
            'src/core/**/*.test.ts',
            'src/shared/**/*.test.ts',
            'src/v2/**/*.test.ts',
            'src/v3/**/*.test.ts',
            'src/robocoders-*.test.ts',
            'src/convert-to-robocoders-prompt.test.ts',
          ],
          globalSetup: ['src/edge/emulator-global-setup.ts'],
        },
      },
    ],
  },
});
