/** Default of `idleTimeoutMs`: 10 minutes, the seed client's limit on a silent stream. */
export const DEFAULT_IDLE_TIMEOUT_MS = 600_000;

/** The message of the error a silent service ends a call with (it names no token). */
export function idleTimeoutMessage(url: string, sid: string, ms: number): string {
  return (
    `Robocoders POST /chat (${url}) of session ${sid} sent nothing for ${ms} ms ` +
    '(idleTimeoutMs); the connection was closed.'
  );
}

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

/**
 * Runs a request that waits for the service (`run` gets the signal to pass on) and aborts it
 * with `timeoutError()` when it has not settled after `ms`; the caller's `signal` still aborts
 * it as before. `0` (or less) waits without a limit.
 */
export async function withIdleTimeout<T>(
  run: (signal: AbortSignal | undefined) => Promise<T>,
  ms: number,
  signal: AbortSignal | undefined,
  timeoutError: () => Error,
): Promise<T> {
  if (!(ms > 0)) return run(signal);
  const controller = new AbortController();
  const forward = () => controller.abort(signal?.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener('abort', forward, { once: true });
  let timedOut: Error | undefined;
  try {
    return await watchIdle(run(controller.signal), ms, () => {
      timedOut = timeoutError();
      controller.abort(timedOut);
    });
  } catch (error) {
    signal?.removeEventListener('abort', forward);
    throw timedOut ?? error;
  }
  // On success the listener stays: the response body is read under `controller.signal`, so the
  // caller's abort must keep reaching it.
}
