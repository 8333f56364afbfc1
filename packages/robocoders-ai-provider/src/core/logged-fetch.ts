import { errorMessage, type FetchFunction } from './fetch-function';
import type { RobocodersLog } from './logger';

function pathOf(input: Parameters<FetchFunction>[0]): string {
  const url = typeof input === 'string' || input instanceof URL ? String(input) : input.url;
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

// The provider's JSON bodies name their session in `sid`; nothing else of a body is logged.
function sessionOf(body: unknown): string {
  if (typeof body !== 'string') return '';
  try {
    const sid = (JSON.parse(body) as { sid?: unknown } | null)?.sid;
    return typeof sid === 'string' ? `, session ${sid}` : '';
  } catch {
    return '';
  }
}

/**
 * `fetch` that writes one `debug` line per request: method, path, status (or the failure),
 * the time to the response headers and the session id. Headers and bodies are never logged.
 * Without a `debug` logger it calls `fetch` as is.
 */
export function createLoggedFetch(
  fetch: FetchFunction,
  log: RobocodersLog,
  now: () => number,
): FetchFunction {
  return async (input, init) => {
    if (!log.enabled('debug')) return fetch(input, init);
    const started = now();
    const request = `${init?.method ?? 'GET'} ${pathOf(input)}`;
    const session = sessionOf(init?.body);
    try {
      const response = await fetch(input, init);
      log.debug(`${request} ${response.status} in ${now() - started} ms${session}`);
      return response;
    } catch (error) {
      log.debug(`${request} failed in ${now() - started} ms${session}: ${errorMessage(error)}`);
      throw error;
    }
  };
}
