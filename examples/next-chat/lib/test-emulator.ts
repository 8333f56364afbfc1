import { type RunningEmulator, startEmulator } from 'robocoders-emulator';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/**
 * For route tests: an emulator for the test file, with ROBOCODERS_BASE_URL pointing at it (the
 * app's provider reads it on its first call), faults and request log cleared before each test.
 * Returns a getter: the emulator exists only once `beforeAll` ran.
 */
export function useEmulator(): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  const saved = process.env.ROBOCODERS_BASE_URL;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    process.env.ROBOCODERS_BASE_URL = emulator.url;
  });
  afterAll(async () => {
    process.env.ROBOCODERS_BASE_URL = saved;
    await emulator?.close();
  });
  beforeEach(() => {
    emulator?.clearFaults();
    emulator?.clearRequests();
  });
  return () => {
    if (emulator === undefined) throw new Error('the emulator has not started');
    return emulator;
  };
}
