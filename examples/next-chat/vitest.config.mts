import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // e2e/*.test.mjs are Node test-runner files driving Chromium: `pnpm e2e` runs them.
    include: ['lib/**/*.test.ts'],
  },
});
