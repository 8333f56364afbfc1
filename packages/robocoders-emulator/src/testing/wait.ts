// Waiting for effects that arrive on their own (a server noticing a closed connection, an app
// starting): poll until they show, with a generous deadline, instead of sleeping a fixed time.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Default deadline of {@link eventually}: generous, so a busy machine does not fail a test. */
export const EVENTUALLY_TIMEOUT_MS = 15_000;

/**
 * Polls `check` every 10 ms until it holds, e.g. for the request log to show a client abort.
 *
 * @throws Error naming `what` when it does not hold within `timeoutMs` (15 s by default).
 */
export function eventually(check: () => boolean, timeoutMs?: number): Promise<void>;
export function eventually(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
export async function eventually(
  check: () => boolean,
  whatOrTimeout?: string | number,
  timeoutMs?: number,
): Promise<void> {
  const what = typeof whatOrTimeout === 'string' ? whatOrTimeout : 'the condition';
  const timeout =
    (typeof whatOrTimeout === 'number' ? whatOrTimeout : timeoutMs) ?? EVENTUALLY_TIMEOUT_MS;
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** @default 15000 */
  timeoutMs?: number;
  /** @default 25 */
  intervalMs?: number;
  /** A reason to stop waiting at once (e.g. the server process died), or a falsy value. */
  giveUp?: () => string | false | null | undefined;
}

/**
 * Polls an async `check` until it returns a truthy value, and returns that value. A `check`
 * that throws counts as not yet (the error is quoted if the deadline passes).
 *
 * @throws Error naming `what` after `timeoutMs`, or as soon as `giveUp` returns a reason.
 */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  { timeoutMs = 15_000, intervalMs = 25, giveUp }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const fatal = giveUp?.();
    if (fatal) throw new Error(`Gave up waiting for ${what}: ${fatal}`);
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  const reason = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`Timed out waiting for ${what}${reason}`);
}
