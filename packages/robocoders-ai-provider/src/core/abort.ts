/** The error an aborted signal stands for (its reason, or a standard `AbortError`). */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * Waits for `promise`, or rejects with the abort reason as soon as `signal` aborts (calling
 * `onAbort` first, so the caller can give up its share of the work).
 */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort?: (signal: AbortSignal) => void,
): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) {
    onAbort?.(signal);
    return Promise.reject(abortReason(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      onAbort?.(signal);
      reject(abortReason(signal));
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/**
 * One request shared by several callers, each with its own abort signal. The request is
 * aborted only when every caller has given up, so one impatient caller cannot fail the others.
 */
export class SharedFlight<T> {
  readonly promise: Promise<T>;
  private readonly controller = new AbortController();
  private waiters = 0;

  constructor(run: (signal: AbortSignal) => Promise<T>) {
    this.promise = run(this.controller.signal);
    // Callers attach their own handlers; this keeps an unobserved failure from being reported
    // as an unhandled rejection.
    this.promise.catch(() => {});
  }

  /** Waits for the shared result on behalf of one caller. */
  join(signal: AbortSignal | undefined): Promise<T> {
    this.waiters++;
    return raceAbort(this.promise, signal, (aborted) => this.leave(aborted));
  }

  private leave(signal: AbortSignal): void {
    if (--this.waiters === 0) this.controller.abort(abortReason(signal));
  }
}

/** An abort (or timeout) error, however the runtime or a custom `fetch` raised it. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Resolves after `ms`, or rejects with the abort reason as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
