import { APICallError } from '@ai-sdk/provider';
import { errorMessage } from './fetch-function';

/** One entry of a FastAPI validation error (HTTP 422). */
export interface RobocodersValidationIssue {
  type?: string;
  loc?: Array<string | number>;
  msg?: string;
  input?: unknown;
}

/** The JSON body of a Robocoders (FastAPI) error response. */
export interface RobocodersErrorData {
  detail?: string | RobocodersValidationIssue[] | unknown;
}

const REDACTED = '[redacted]';

/** Replaces every occurrence of `secret` in `text`; a no-op without a secret. */
export function redactSecret(text: string, secret: string | undefined): string {
  return secret === undefined || secret === '' ? text : text.split(secret).join(REDACTED);
}

/**
 * The `cause` to attach to an error: the original one, unless the token shows up in it (a
 * custom `fetch` may quote the request's headers). Then a plain `Error` with the redacted
 * message and stack takes its place, since the original cannot be cleaned in place.
 */
export function redactCause(cause: unknown, secret: string | undefined): unknown {
  if (secret === undefined || secret === '') return cause;
  const text =
    cause instanceof Error ? `${errorMessage(cause)}\n${cause.stack ?? ''}` : errorMessage(cause);
  if (!text.includes(secret)) return cause;
  const redacted = new Error(redactSecret(errorMessage(cause), secret));
  if (cause instanceof Error) {
    redacted.name = cause.name;
    redacted.stack = redactSecret(cause.stack ?? '', secret);
  }
  return redacted;
}

/**
 * Renders FastAPI's `detail` readably: a string as is, a validation list as
 * `body.sid: Field required; body.agent: Input should be ...`.
 */
export function renderErrorDetail(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail === '' ? undefined : detail;
  if (!Array.isArray(detail)) return undefined;
  const issues = detail.map((issue: RobocodersValidationIssue) => {
    const location = Array.isArray(issue?.loc) ? issue.loc.join('.') : undefined;
    const message = typeof issue?.msg === 'string' ? issue.msg : JSON.stringify(issue);
    return location ? `${location}: ${message}` : message;
  });
  return issues.length > 0 ? issues.join('; ') : undefined;
}

function parseErrorData(text: string): RobocodersErrorData | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as RobocodersErrorData) : undefined;
  } catch {
    return undefined;
  }
}

/** The headers as a plain object, with `secret` removed from every value (servers may echo it). */
export function headersToRecord(headers: Headers, secret?: string): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, key) => {
    record[key] = redactSecret(value, secret);
  });
  return record;
}

/** What a failed request was for, to name it in the message. */
export interface FailedRequest {
  /** e.g. `GET /create-session`. */
  operation: string;
  url: string;
  requestBodyValues: unknown;
  /** The token the request carried, removed from anything the server echoes back. */
  token?: string;
}

/**
 * Builds the `APICallError` of a non-2xx response. The message names the request and carries
 * the server's `detail`; retryability follows the AI SDK default (408, 409, 429, 5xx).
 */
export async function createResponseError(
  response: Response,
  request: FailedRequest,
  options: { message?: (detail: string) => string; isRetryable?: boolean } = {},
): Promise<APICallError> {
  let responseBody: string;
  try {
    responseBody = redactSecret(await response.text(), request.token);
  } catch {
    // The status alone still makes a useful error when the body cannot be read.
    responseBody = '';
  }
  const data = parseErrorData(responseBody);
  const detail =
    renderErrorDetail(data?.detail) ??
    (response.statusText !== '' ? response.statusText : responseBody.slice(0, 200) || 'no details');
  const message =
    options.message?.(detail) ??
    `Robocoders ${request.operation} failed with status ${response.status}: ${detail}`;
  return new APICallError({
    message,
    url: request.url,
    requestBodyValues: request.requestBodyValues,
    statusCode: response.status,
    responseHeaders: headersToRecord(response.headers, request.token),
    responseBody,
    data,
    isRetryable: options.isRetryable,
  });
}

/** A request that never got a response (DNS, refused connection, reset...): retryable. */
export function createConnectionError(request: FailedRequest, cause: unknown): APICallError {
  return new APICallError({
    message: `Cannot connect to Robocoders (${request.operation} ${request.url}): ${redactSecret(errorMessage(cause), request.token)}`,
    url: request.url,
    requestBodyValues: request.requestBodyValues,
    cause: redactCause(cause, request.token),
    isRetryable: true,
  });
}

/**
 * Whether the server said it does not know the request's session: 404 or 410, or a 422 whose
 * validation error points at `sid` (the service's exact status is not known).
 */
export function isUnknownSessionError(error: APICallError): boolean {
  if (error.statusCode === 404 || error.statusCode === 410) return true;
  if (error.statusCode !== 422) return false;
  const detail = (error.data as RobocodersErrorData | undefined)?.detail;
  return (
    Array.isArray(detail) &&
    detail.some(
      (issue: RobocodersValidationIssue) =>
        Array.isArray(issue?.loc) && issue.loc[issue.loc.length - 1] === 'sid',
    )
  );
}

/**
 * The error of a broken chat stream (or one that never was one). Never retryable: the prompt
 * already reached the agent, so repeating the call could do the work twice.
 */
export function createStreamError(
  request: { url: string; body: unknown },
  message: string,
  extra: { cause?: unknown; statusCode?: number; data?: unknown } = {},
): APICallError {
  return new APICallError({
    message,
    url: request.url,
    requestBodyValues: request.body,
    ...extra,
    isRetryable: false,
  });
}

/** The `detail` of a JSON object that is not an agent event (FastAPI's error body), if any. */
export function detailOfObject(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return renderErrorDetail((value as RobocodersErrorData).detail);
}

/** Where a chat stream came from, for its errors. */
export interface StreamSource {
  url: string;
  body: { sid: string };
}

/**
 * The error of a chat body read that failed: it broke, or sent a line over `maxEventBytes`
 * (`tooLarge`), after `events` events of the call.
 */
export function brokenStreamError(
  source: StreamSource,
  events: number,
  cause: unknown,
  tooLarge: boolean,
): APICallError {
  const { sid } = source.body;
  const message = tooLarge
    ? `Robocoders chat stream of session ${sid} sent ${errorMessage(cause)} after ${events} ` +
      'events; the connection was closed.'
    : `Robocoders chat stream of session ${sid} broke after ${events} events: ${errorMessage(cause)}`;
  return createStreamError(source, message, { cause });
}

/** A continuation's body broke before its first event. */
export function brokenContinuationError(source: StreamSource, cause: unknown): APICallError {
  return createStreamError(
    source,
    `Robocoders POST /chat (the continuation) of session ${source.body.sid} broke before its ` +
      `first event: ${errorMessage(cause)}`,
    { cause },
  );
}

/**
 * A `200` whose body held no agent event: an HTML page from a proxy, an empty body, or a JSON
 * object such as FastAPI's `{"detail": "..."}` (then named with its status).
 */
export function notAStreamError(
  source: StreamSource,
  body: { status: number; contentType: string | null; detail?: string; skippedLines: number },
): APICallError {
  const { sid } = source.body;
  if (body.detail !== undefined) {
    return createStreamError(
      source,
      `Robocoders POST /chat of session ${sid} answered ${body.status} with "${body.detail}" ` +
        'and not a single agent event.',
      { statusCode: body.status, data: { detail: body.detail } },
    );
  }
  const lines = `${body.skippedLines} line${body.skippedLines === 1 ? '' : 's'}`;
  return createStreamError(
    source,
    `Robocoders POST /chat of session ${sid} answered without a single agent event ` +
      `(content-type ${body.contentType ?? 'none'}, ${lines} that were not JSON events).`,
  );
}

/** The agent stopped with an error state. */
export function agentStoppedError(source: StreamSource, reason: string): APICallError {
  return createStreamError(source, `Robocoders agent stopped with an error: ${reason}`);
}

/** The service's `detail` of an error response, else the error's message. */
export function errorDetailOf(error: APICallError): string {
  return (
    renderErrorDetail((error.data as RobocodersErrorData | undefined)?.detail) ?? error.message
  );
}

/** A user-given key the service rejected: never replaced, so the call fails at once. */
export function rejectedKeyError(error: APICallError): APICallError {
  return new APICallError({
    message:
      `Robocoders rejected the API key (401: ${errorDetailOf(error)}). The key comes from the ` +
      'apiKey setting or ROBOCODERS_API_KEY and is used as given; fix or remove it (without a ' +
      'key the provider fetches a token itself).',
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    statusCode: 401,
    responseHeaders: error.responseHeaders,
    responseBody: error.responseBody,
    data: error.data,
    cause: error,
    isRetryable: false,
  });
}
