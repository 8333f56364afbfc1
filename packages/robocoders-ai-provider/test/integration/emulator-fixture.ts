import { type EmulatorOptions, type RunningEmulator, startEmulator } from 'robocoders-emulator';
import type { RobocodersProviderSettings } from '../../src/shared/robocoders-settings';
import { createRobocoders } from '../../src/v1/robocoders-provider';

/**
 * Starts one emulator on a free port for the test file and resets its faults and request log
 * before each test. Returns a getter because the emulator exists only once `beforeAll` ran.
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

/** A fresh provider (its own token and store) pointed at the emulator. */
export function providerFor(emulator: RunningEmulator, settings: RobocodersProviderSettings = {}) {
  return createRobocoders({ baseURL: emulator.url, ...settings });
}

/** The logged requests to one path. */
export function requestsTo(emulator: RunningEmulator, path: string) {
  return emulator.requests.filter((request) => request.path === path);
}

/** The bodies of the logged chat requests. */
export function chatBodies(emulator: RunningEmulator) {
  return requestsTo(emulator, '/chat').map(
    (request) => request.body as { sid: string; prompt: string; agent: string },
  );
}

/** Waits until `check` holds (the request log is updated when the server sees the close). */
export async function eventually(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A prompt the scripted agents answer with real work (files, commands, a summary). */
export const TASK = 'Write a factorial function in Python';
