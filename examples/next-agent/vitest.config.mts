import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    // e2e/*.test.mjs drive Chromium through Node's test runner: `pnpm e2e` runs them.
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
