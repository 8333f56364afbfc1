import type { RunningEmulator } from 'robocoders-emulator';
import { chatBodies, useEmulator } from 'robocoders-emulator/testing';
import { afterAll, beforeAll } from 'vitest';

/**
 * For route tests: the shared emulator fixture, with ROBOCODERS_BASE_URL pointing at it while the
 * file runs (the app's provider reads it on its first call).
 */
export function useAppEmulator(): () => RunningEmulator {
  const emulator = useEmulator();
  const saved = process.env.ROBOCODERS_BASE_URL;
  beforeAll(() => {
    process.env.ROBOCODERS_BASE_URL = emulator().url;
  });
  afterAll(() => {
    process.env.ROBOCODERS_BASE_URL = saved;
  });
  return emulator;
}

/** The session of the first `/chat` request in the emulator's log. */
export function firstChatSid(emulator: RunningEmulator): string {
  const sid = chatBodies(emulator)[0]?.sid;
  if (sid === undefined) throw new Error('no /chat request with a sid in the log');
  return sid;
}
