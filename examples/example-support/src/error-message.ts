// The apps run different majors of `ai` (4 and 7): importing either here would tie this module to
// one of them, so AI SDK errors are recognised the way the SDK itself does, by their markers.

/** The longest detail a message quotes: enough for the server's reason, short enough for a banner. */
const MAX_DETAIL = 300;

type Secrets = readonly (string | undefined)[];

interface ApiCallErrorLike {
  message: string;
  statusCode?: number;
}

interface RetryErrorLike {
  errors: unknown[];
  lastError: unknown;
}

function hasMarker(error: unknown, name: string): error is Record<PropertyKey, unknown> {
  if (error === null || typeof error !== 'object') return false;
  return (error as Record<symbol, unknown>)[Symbol.for(`vercel.ai.error.${name}`)] === true;
}

function isApiCallError(error: unknown): error is ApiCallErrorLike {
  return hasMarker(error, 'AI_APICallError') && typeof error.message === 'string';
}

function isRetryError(error: unknown): error is RetryErrorLike {
  return hasMarker(error, 'AI_RetryError') && Array.isArray(error.errors);
}

function isAbort(error: unknown): boolean {
  // DOMException is not an Error subclass in every runtime: its name is what both share.
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/**
 * Cuts anything that looks like a credential out of `text`: bearer headers, JWTs and the given
 * secrets (the configured key). The provider already keeps tokens out of its errors; this is the
 * last line before a browser or a log.
 */
export function redactSecrets(text: string, secrets: Secrets = []): string {
  let out = text
    .replace(/Bearer\s+[^\s"',;]+/gi, 'Bearer [redacted]')
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted token]');
  for (const secret of secrets) {
    // A short "secret" would cut ordinary words out of the message.
    if (secret && secret.length >= 8) out = out.replaceAll(secret, '[redacted]');
  }
  return out;
}

/** The first line only: later lines of an error are usually a stack or a quoted body. */
function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

function fromStatus(error: ApiCallErrorLike): string {
  const status = error.statusCode;
  const detail = firstLine(error.message);
  if (typeof status !== 'number') {
    // No HTTP status: either the connection never opened, or the answer stream broke off.
    return /\b(broke|terminated|closed)\b/i.test(detail) && !detail.startsWith('Cannot connect')
      ? 'The connection to the agent broke off in the middle of the answer. Retry to ask again.'
      : `Could not reach the Robocoders service (${detail}). Is it running?`;
  }
  if (status === 401 || status === 403) {
    return `The Robocoders service rejected the credentials (${status}). Check ROBOCODERS_API_KEY, then retry.`;
  }
  if (status === 404) return `The Robocoders service no longer knows this session (404): ${detail}`;
  if (status === 408 || status === 429) {
    return `The Robocoders service is busy (${status}). Wait a moment, then retry.`;
  }
  if (status >= 500) {
    return `The Robocoders service is unavailable right now (${status}). Retry in a moment.`;
  }
  return `The Robocoders service refused the request (${status}): ${detail}`;
}

function detailOf(cause: unknown): string {
  if (cause instanceof Error) return firstLine(cause.message) || cause.name;
  if (typeof cause === 'string') return firstLine(cause);
  // Thrown objects that are not Errors (a rejected fetch in some runtimes) still carry a message.
  const message = (cause as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? firstLine(message) : '';
}

function fromCause(cause: unknown): string {
  if (isApiCallError(cause)) return fromStatus(cause);
  if (isAbort(cause)) return 'The request was stopped.';
  const detail = detailOf(cause);
  return detail ? `The agent's answer failed: ${detail}` : 'The agent could not answer.';
}

/**
 * One sentence for the page's alert (and the server log) from whatever `streamText` or the
 * provider threw, in either major of the AI SDK: what failed and what to do, with the status;
 * never a stack trace or a token.
 */
export function describeError(error: unknown, secrets: Secrets = []): string {
  const retried = isRetryError(error);
  const tries = retried ? error.errors.length : 1;
  const message = fromCause(retried ? error.lastError : error);
  return redactSecrets(tries > 1 ? `${message} (tried ${tries} times)` : message, secrets);
}

/**
 * The alert text for an error `useChat` reports: the route's own sentence, or, for a dropped
 * connection to the app's route (a bare fetch failure), what to check.
 */
export function chatAlertText(error: Error): string {
  if (error.message === 'Failed to fetch' || error.name === 'TypeError') {
    return 'Could not reach the app server. Check that it is still running, then retry.';
  }
  return error.message || 'Something went wrong.';
}
