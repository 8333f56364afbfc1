import { APICallError } from '@ai-sdk/provider';
import type { ChatRequestBody } from './chat-request-body';

/** Default of `idleTimeoutMs`: 10 minutes, the seed client's limit on a silent stream. */
export const DEFAULT_IDLE_TIMEOUT_MS = 600_000;

/**
 * The error a silent service ends a call with (it names no token). Never retryable: the
 * service may have taken the prompt.
 */
export function idleTimeoutError(url: string, body: ChatRequestBody, ms: number): APICallError {
  const error = new APICallError({
    message:
      `Robocoders POST /chat (${url}) of session ${body.sid} sent nothing for ${ms} ms ` +
      '(idleTimeoutMs); the connection was closed.',
    url,
    requestBodyValues: body,
    isRetryable: false,
  });
  idleTimeoutErrors.add(error);
  return error;
}

const idleTimeoutErrors = new WeakSet<object>();

/** Whether `error` is one of {@link idleTimeoutError}'s. */
export function isIdleTimeoutError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && idleTimeoutErrors.has(error);
}

/**
 * Runs `run` (a request waiting for its response, or a read of a body) under an idle deadline:
 * when it has not settled after `ms`, the signal `run` got is aborted with `timeoutError()` and
 * that error is thrown, whatever `run` settles with (a cancelled read resolves). The caller's
 * `signal` still aborts it as before. `0` (or less) waits without a limit. The deadline only
 * runs while the core waits for the server, so a slow consumer of the stream never trips it.
 */
export async function withIdleDeadline<T>(
  run: (signal: AbortSignal) => Promise<T>,
  ms: number,
  signal: AbortSignal | undefined,
  timeoutError: () => Error,
): Promise<T> {
  const controller = new AbortController();
  const forward = () => controller.abort(signal?.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener('abort', forward, { once: true });
  let timedOut: Error | undefined;
  const timer =
    ms > 0
      ? setTimeout(() => {
          timedOut = timeoutError();
          controller.abort(timedOut);
        }, ms)
      : undefined;
  try {
    const result = await run(controller.signal);
    if (timedOut !== undefined) throw timedOut;
    return result;
  } catch (error) {
    signal?.removeEventListener('abort', forward);
    throw timedOut ?? error;
  } finally {
    clearTimeout(timer);
  }
  // On success the listener stays: a response body is read under `controller.signal`, so the
  // caller's abort must keep reaching it.
}
