/**
 * The `fetch` the core calls: the global one or a user's replacement. Declared here so the core
 * does not depend on the helper package of one AI SDK version.
 */
export type FetchFunction = typeof globalThis.fetch;

/** A readable message of any thrown value. */
export function errorMessage(error: unknown): string {
  if (error == null) return 'unknown error';
  if (typeof error === 'string') return error;
  if (error instanceof Error) {
    // Node's fetch hides the actual reason (ECONNREFUSED, ...) in `cause`.
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return JSON.stringify(error) ?? String(error);
}
