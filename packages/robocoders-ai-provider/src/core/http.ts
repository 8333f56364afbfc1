import { APICallError } from '@ai-sdk/provider';
import { abortReason, isAbortError } from './abort';
import { errorMessage, type FetchFunction } from './fetch-function';
import {
  createConnectionError,
  createResponseError,
  type FailedRequest,
  headersToRecord,
  redactCause,
  redactSecret,
} from './robocoders-error';
import { USER_AGENT_SUFFIX, withUserAgentSuffix } from './version';

/** A request to the Robocoders API. */
export interface RobocodersRequest {
  fetch: FetchFunction;
  method: 'GET' | 'POST';
  url: string;
  /** e.g. `POST /chat`, used in error messages. */
  operation: string;
  headers: Record<string, string | undefined>;
  token?: string;
  body?: unknown;
  signal?: AbortSignal;
}

function cleanHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  // Lower-cased so a user's `Authorization` cannot end up next to ours in one header.
  for (const key in headers) {
    const value = headers[key];
    if (value !== undefined) result[key.toLowerCase()] = value;
  }
  return result;
}

/**
 * Sends a request and returns the response when its status is 2xx. Anything else becomes an
 * `APICallError` (the server's `detail` in the message, the token never); a request that gets
 * no response becomes a retryable `APICallError`; an abort is rethrown as is.
 */
export async function sendRequest(request: RobocodersRequest): Promise<Response> {
  const failed: FailedRequest = {
    operation: request.operation,
    url: request.url,
    requestBodyValues: request.body,
    token: request.token,
  };
  const headers = withUserAgentSuffix(cleanHeaders(request.headers), USER_AGENT_SUFFIX);
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
  let response: Response;
  try {
    response = await request.fetch(request.url, {
      method: request.method,
      headers,
      body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
      signal: request.signal,
    });
  } catch (error) {
    if (isAbortError(error) || request.signal?.aborted) throw error;
    throw createConnectionError(failed, error);
  }
  if (!response.ok) throw await createResponseError(response, failed);
  if (request.token !== undefined) tokenOfResponse.set(response, request.token);
  return response;
}

// The token each accepted response was requested with, so headers that echo it are redacted.
const tokenOfResponse = new WeakMap<Response, string>();

/** The response headers as a plain object, without the token the request carried. */
export function responseHeaders(response: Response): Record<string, string> {
  return headersToRecord(response.headers, tokenOfResponse.get(response));
}

/**
 * Reads a whole (non-stream) response body. A connection that breaks while the body arrives is a
 * retryable `APICallError`, like a request that got no response; an abort is rethrown.
 */
export async function readResponseText(
  response: Response,
  request: Pick<RobocodersRequest, 'operation' | 'url' | 'token' | 'signal'>,
): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw abortReason(request.signal);
    if (isAbortError(error)) throw error;
    // The response remembers the token it was requested with, so callers need not pass it.
    const token = request.token ?? tokenOfResponse.get(response);
    throw new APICallError({
      message: `Robocoders ${request.operation} response broke off before its end: ${redactSecret(errorMessage(error), token)}`,
      url: request.url,
      requestBodyValues: undefined,
      statusCode: response.status,
      responseHeaders: responseHeaders(response),
      cause: redactCause(error, token),
      isRetryable: true,
    });
  }
}
