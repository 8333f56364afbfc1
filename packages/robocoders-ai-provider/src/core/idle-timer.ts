/** Default of `idleTimeoutMs`: 10 minutes, the seed client's limit on a silent stream. */
export const DEFAULT_IDLE_TIMEOUT_MS = 600_000;

/**
 * Waits for `promise` (a read of a response, or a request waiting for its response); when it
 * has not settled after `ms`, calls `onIdle`, which must make it settle (by cancelling the read
 * or aborting the request). `0` (or less) waits without a limit. The timer only runs while
 * the core waits for the server, so a slow consumer of the stream never trips it.
 */
export async function watchIdle<T>(
  promise: Promise<T>,
  ms: number,
  onIdle: () => void,
): Promise<T> {
  if (!(ms > 0)) return promise;
  const timer = setTimeout(onIdle, ms);
  try {
    return await promise;
  } finally {
    clearTimeout(timer);
  }
}
