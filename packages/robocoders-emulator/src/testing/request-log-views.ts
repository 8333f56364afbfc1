import type { RequestLogEntry, RunningEmulator } from '../types.js';

/** The logged requests to one path, e.g. `/chat`. */
export function requestsTo(emulator: RunningEmulator, path: string): RequestLogEntry[] {
  return emulator.requests.filter((request) => request.path === path);
}

/** The bodies of the logged `POST /chat` requests. */
export function chatBodies(
  emulator: RunningEmulator,
): Array<{ sid: string; prompt: string; agent: string }> {
  return requestsTo(emulator, '/chat').map(
    (request) => request.body as { sid: string; prompt: string; agent: string },
  );
}
