import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAnswerSaver } from './answer-saver';

describe('createAnswerSaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('saves the latest state once per interval, and the end after every earlier save', async () => {
    const saved: string[] = [];
    let release!: () => void;
    const slowFirst = new Promise<void>((resolve) => {
      release = resolve;
    });
    const saver = createAnswerSaver<string>(async (state) => {
      if (saved.length === 0) await slowFirst;
      saved.push(state);
    }, 1000);
    saver.update('a');
    saver.update('ab');
    await vi.advanceTimersByTimeAsync(1000);
    saver.update('abc');
    const ended = saver.end('abcd');
    saver.update('late');
    release();
    await ended;
    await vi.advanceTimersByTimeAsync(5000);
    expect(saved).toEqual(['ab', 'abcd']);
  });

  it('reports a failed save and goes on', async () => {
    const errors: unknown[] = [];
    const saved: string[] = [];
    const saver = createAnswerSaver<string>(
      async (state) => {
        if (state === 'bad') throw new Error('disk full');
        saved.push(state);
      },
      10,
      (error) => errors.push(error),
    );
    saver.update('bad');
    await vi.advanceTimersByTimeAsync(10);
    await saver.end('good');
    expect(saved).toEqual(['good']);
    expect(errors).toHaveLength(1);
  });
});
