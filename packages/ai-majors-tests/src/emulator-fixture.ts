import { type RunningEmulator, startEmulator } from 'robocoders-emulator';

/**
 * Starts one emulator (free port, no pacing) for the test file and clears its faults and request
 * log before each test. Returns a getter: the emulator exists only once `beforeAll` ran.
 */
export function useEmulator(): () => RunningEmulator {
  let emulator: RunningEmulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, paceMs: 0 });
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

/** The bodies of the logged chat requests. */
export function chatBodies(emulator: RunningEmulator) {
  return emulator.requests
    .filter((request) => request.path === '/chat')
    .map((request) => request.body as { sid: string; prompt: string; agent: string });
}

/** Waits until `check` holds (the request log is updated when the server sees the close). */
export async function eventually(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A prompt the scripted agents answer with real work (a plan, code, a command, a summary). */
export const TASK = 'Write a factorial function in Python';
