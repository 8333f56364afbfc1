import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The tests talk to emulators they start: the developer's own service settings must not reach them.
delete process.env.ROBOCODERS_API_KEY;
delete process.env.ROBOCODERS_BASE_URL;

export default defineConfig({
  // The `@/` imports of the app (tsconfig paths), for tests that load the route files.
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    // e2e/*.test.mjs are Node test-runner files driving Chromium: `pnpm e2e` runs them.
    include: ['lib/**/*.test.ts'],
    // Generous: the route tests load ai and the provider cold, slow on a busy 2-core machine.
    testTimeout: 60_000,
  },
});
