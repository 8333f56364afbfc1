/** Counts of the emulator's logged requests by path (the control routes themselves excluded). */
export type RequestCounts = Record<string, number>;

/** Thrown when the emulator's control routes answer unexpectedly. */
export class EmulatorControlError extends Error {
  override name = 'EmulatorControlError';
}

/** Empties the emulator's request log (`DELETE /__emulator/requests`). */
export async function clearRequestLog(emulatorUrl: string): Promise<void> {
  const response = await fetch(`${emulatorUrl}/__emulator/requests`, { method: 'DELETE' });
  await response.arrayBuffer();
  if (!response.ok) {
    throw new EmulatorControlError(`DELETE /__emulator/requests gave status ${response.status}`);
  }
}

/**
 * Reads the request log and counts requests per path. Only paths are kept: entries also carry
 * the bearer token, which must never reach the results.
 */
export async function countRequests(emulatorUrl: string): Promise<RequestCounts> {
  const response = await fetch(`${emulatorUrl}/__emulator/requests`);
  if (!response.ok) {
    throw new EmulatorControlError(`GET /__emulator/requests gave status ${response.status}`);
  }
  const entries = (await response.json()) as { path?: unknown }[];
  const counts: RequestCounts = {};
  for (const entry of entries) {
    if (typeof entry.path !== 'string' || entry.path.startsWith('/__emulator')) continue;
    counts[entry.path] = (counts[entry.path] ?? 0) + 1;
  }
  return counts;
}

/** Total of the counted requests. */
export function totalRequests(counts: RequestCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
