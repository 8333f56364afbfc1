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

/** The session of the first `/chat` request in the emulator's log. */
export function firstChatSid(emulator: RunningEmulator): string {
  const body = emulator.requests.find((entry) => entry.path === '/chat')?.body as
    | { sid?: string }
    | undefined;
  if (body?.sid === undefined) throw new Error('no /chat request with a sid in the log');
  return body.sid;
}
