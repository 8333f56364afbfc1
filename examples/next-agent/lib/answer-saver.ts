/**
 * Saves an answer as it grows, at most once per `intervalMs`, then once more at its end, one
 * save after the other so an older state never overwrites a newer one.
 */
export interface AnswerSaver<T> {
  /** The answer so far; saved on the next tick of the interval. */
  update(state: T): void;
  /** The final state, saved after any save under way; later updates are ignored. */
  end(state: T): Promise<void>;
}

export function createAnswerSaver<T>(
  save: (state: T) => Promise<void>,
  intervalMs = 1000,
  onError: (error: unknown) => void = (error) => console.error('[next-agent] save failed:', error),
): AnswerSaver<T> {
  let queue = Promise.resolve();
  let pending: { state: T } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;

  const enqueue = (state: T) => {
    queue = queue.then(() => save(state)).catch(onError);
    return queue;
  };
  const flush = () => {
    timer = undefined;
    if (pending && !ended) enqueue(pending.state);
    pending = undefined;
  };
  return {
    update(state) {
      if (ended) return;
      pending = { state };
      timer ??= setTimeout(flush, intervalMs);
    },
    end(state) {
      ended = true;
      clearTimeout(timer);
      pending = undefined;
      return enqueue(state);
    },
  };
}
