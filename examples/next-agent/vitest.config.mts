import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    // e2e/*.test.mjs drive Chromium through Node's test runner: `pnpm e2e` runs them.
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts'],
    // Generous: loading ai 7 and the route cold on a busy 2-core machine takes a while.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
