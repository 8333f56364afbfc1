import type { Warn } from './call-context';
import { errorMessage } from './fetch-function';

/** A store operation that failed, as a warning line (the key names no token). */
export function storeFailureMessage(operation: string, key: string, error: unknown): string {
  return `the store failed to ${operation} "${key}": ${errorMessage(error)}`;
}

/**
 * Runs a store operation of a call: the store only shares and remembers, so a failure is a
 * warning (`warn`), never the call's failure. Resolves with `undefined` when it failed.
 */
export async function guardStore<T>(
  warn: Warn,
  operation: 'read' | 'write' | 'remove',
  key: string,
  run: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    warn(storeFailureMessage(operation, key, error));
    return undefined;
  }
}
