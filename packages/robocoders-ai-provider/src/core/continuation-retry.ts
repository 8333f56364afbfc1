import { APICallError } from '@ai-sdk/provider';

/**
 * Waits before each retry of a continuation the service did not take (429, 503): two retries,
 * after 500 ms and 1 s.
 */
export const CONTINUATION_RETRY_DELAYS_MS: readonly number[] = [500, 1000];

/** A `Retry-After` longer than this is not waited for: the continuation fails at once. */
export const MAX_CONTINUATION_RETRY_AFTER_MS = 5000;

// Statuses that say the request was refused before the agent saw it.
const NOT_TAKEN = new Set([429, 503]);

function retryAfterMs(error: APICallError): number | undefined {
  const value = error.responseHeaders?.['retry-after'];
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * How long to wait before retrying a failed continuation, or `undefined` not to retry it: only
 * a 429 or 503 (the service did not take the prompt) is retried, `attempt` counts from 0, and
 * a `Retry-After` is honoured up to {@link MAX_CONTINUATION_RETRY_AFTER_MS}.
 */
export function continuationRetryDelay(error: unknown, attempt: number): number | undefined {
  if (!APICallError.isInstance(error) || !NOT_TAKEN.has(error.statusCode ?? 0)) return undefined;
  const backoff = CONTINUATION_RETRY_DELAYS_MS[attempt];
  if (backoff === undefined) return undefined;
  const requested = retryAfterMs(error);
  if (requested === undefined) return backoff;
  return requested > MAX_CONTINUATION_RETRY_AFTER_MS ? undefined : Math.max(backoff, requested);
}
