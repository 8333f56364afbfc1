import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator } from '../emulator-server.js';
import type { EmulatorOptions, RunningEmulator } from '../types.js';

/**
 * A vitest fixture: starts one emulator for the test file (a free port and no pacing unless
 * `options` say otherwise), clears its faults and request log before each test and closes it
 * after the file. Returns a getter, since the emulator exists only once `beforeAll` ran.
 *
 * @example
 * const emulator = useEmulator();
 * it('streams', async () => {
 *   const robocoders = createRobocoders({ baseURL: emulator().url });
 * });
 */
export function useEmulator(options: EmulatorOptions = {}): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, paceMs: 0, ...options });
  });
  afterAll(async () => {
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
