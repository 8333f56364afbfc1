import { APICallError, RetryError } from 'ai';

const MAX_LENGTH = 300;

/**
 * Removes anything that looks like a credential: bearer headers, JWTs and the configured key.
 * The provider already keeps tokens out of its errors; this is the last line before the browser.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text
    .replace(/Bearer\s+[^\s"',;]+/gi, 'Bearer [redacted]')
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted token]');
  for (const secret of secrets) {
    if (secret && secret.length >= 8) out = out.split(secret).join('[redacted]');
  }
  return out;
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH - 1)}…` : line;
}

function describeStatus(error: APICallError): string {
  const status = error.statusCode;
  const detail = firstLine(error.message);
  if (status === undefined) {
    // No HTTP status: either the connection never opened, or the answer stream broke off.
    if (/\bbroke\b|\bterminated\b|\bclosed\b/i.test(detail) && !/^Cannot connect/.test(detail)) {
      return 'The connection to the agent broke off in the middle of the answer. Retry to ask again.';
    }
    return `Could not reach the Robocoders service (${detail}). Is it running?`;
  }
  if (status === 401 || status === 403) {
    return `The Robocoders service rejected the credentials (${status}). Check ROBOCODERS_API_KEY, then retry.`;
  }
  if (status === 404) {
    return `The Robocoders service does not know this session any more (404): ${detail}`;
  }
  if (status === 408 || status === 429) {
    return `The Robocoders service is busy (${status}). Wait a moment, then retry.`;
  }
  if (status >= 500) {
    return `The Robocoders service is unavailable right now (${status}). Retry in a moment.`;
  }
  return `The Robocoders service refused the request (${status}): ${detail}`;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/**
 * Turns whatever streamText or the provider threw into one readable sentence for the chat's
 * error banner: the status and the server's reason, never a stack trace or a token.
 */
export function toReadableError(
  error: unknown,
  secrets: readonly (string | undefined)[] = [],
): string {
  let cause = error;
  let attempts = 1;
  if (RetryError.isInstance(cause)) {
    attempts = cause.errors.length;
    cause = cause.lastError;
  }
  let message: string;
  if (APICallError.isInstance(cause)) {
    message = describeStatus(cause);
  } else if (isAbort(cause)) {
    message = 'The request was stopped.';
  } else if (cause instanceof Error) {
    message = `The agent's answer broke off: ${firstLine(cause.message) || cause.name}`;
  } else {
    message = `The agent's answer broke off: ${firstLine(String(cause))}`;
  }
  if (attempts > 1) message += ` (tried ${attempts} times)`;
  return redactSecrets(message, secrets);
}
