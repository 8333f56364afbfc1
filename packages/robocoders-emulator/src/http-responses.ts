import { STATUS_CODES } from 'node:http';
import type { ValidationIssue } from './validation.js';

/** A JSON response with FastAPI's compact encoding. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** FastAPI's error shape: `{"detail": "..."}`. */
export function detailResponse(
  status: number,
  detail: string,
  headers: Record<string, string> = {},
) {
  return jsonResponse(status, { detail }, headers);
}

/** FastAPI's 422 body. */
export function validationErrorResponse(issues: readonly ValidationIssue[]) {
  return jsonResponse(422, { detail: issues });
}

export const NOT_AUTHENTICATED = 'Not authenticated';
export const BAD_CREDENTIALS = 'Could not validate credentials';
export const SESSION_NOT_FOUND = 'Session not found';

/** 401 as FastAPI's bearer security answers it. */
export function unauthorized(detail: string) {
  return detailResponse(401, detail, { 'www-authenticate': 'Bearer' });
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** The response of a `status` fault: the given body, or `{"detail": "<reason phrase>"}`. */
export function statusFaultResponse(
  status: number,
  body: string | object | undefined,
  headers: Record<string, string> = {},
) {
  if (NULL_BODY_STATUSES.has(status)) return new Response(null, { status, headers });
  if (typeof body === 'string') {
    return new Response(body, {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8', ...headers },
    });
  }
  return jsonResponse(status, body ?? { detail: STATUS_CODES[status] ?? 'Error' }, headers);
}
