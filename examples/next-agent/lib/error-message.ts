import { APICallError, RetryError } from 'ai';

/** Bearer headers, JWTs and the configured key are cut out of anything shown or logged. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text
    .replace(/Bearer\s+[^\s"',;]+/gi, 'Bearer [redacted]')
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]*/g, '[redacted token]');
  for (const secret of secrets) {
    if (secret && secret.length >= 8) out = out.replaceAll(secret, '[redacted]');
  }
  return out;
}

function headline(text: string): string {
  const line = text.split('\n', 1)[0]?.trim() ?? '';
  return line.length > 240 ? `${line.slice(0, 239)}…` : line;
}

function fromStatus(error: APICallError): string {
  const { statusCode: status } = error;
  const detail = headline(error.message);
  if (status === undefined) {
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

/**
 * One sentence for the page's alert, from whatever streamText or the provider threw: what failed
 * and what to do, with the status, never a stack trace or a token.
 */
export function describeError(error: unknown, secrets: readonly (string | undefined)[] = []) {
  const tries = RetryError.isInstance(error) ? error.errors.length : 1;
  const cause = RetryError.isInstance(error) ? error.lastError : error;
  let message: string;
  if (APICallError.isInstance(cause)) message = fromStatus(cause);
  else if (cause instanceof Error && cause.name === 'AbortError') message = 'Stopped.';
  else if (cause instanceof Error)
    message = `The agent's answer failed: ${headline(cause.message)}`;
  else message = 'The agent could not answer.';
  return redact(tries > 1 ? `${message} (tried ${tries} times)` : message, secrets);
}
