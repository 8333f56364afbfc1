import { defineConfig } from 'vitest/config';

// The tests talk to emulators they start: the developer's own service settings must not reach them.
delete process.env.ROBOCODERS_API_KEY;
delete process.env.ROBOCODERS_BASE_URL;

export default defineConfig({
  test: {
    globals: true,
    include: ['src/**/*.test.ts'],
    testTimeout: 20_000,
  },
});
