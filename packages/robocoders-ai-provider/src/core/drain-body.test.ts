import { describe, expect, it, vi } from 'vitest';
import { drainThenCancel } from './drain-body';

function body() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const cancel = vi.fn();
  const stream = new ReadableStream<Uint8Array>({
    start: (given) => {
      controller = given;
    },
    cancel,
  });
  return { reader: stream.getReader(), controller, cancel };
}

describe('drainThenCancel', () => {
  it('reads to the end a response the server ends by itself, without cancelling it', async () => {
    const { reader, controller, cancel } = body();
    const drained = drainThenCancel(reader, 60_000);
    controller.enqueue(new Uint8Array(10));
    controller.close();
    await drained;
    expect(cancel).not.toHaveBeenCalled();
  });

  it('cancels a response the server keeps open past the grace period', async () => {
    vi.useFakeTimers();
    try {
      const { reader, cancel } = body();
      const drained = drainThenCancel(reader, 2000);
      await vi.advanceTimersByTimeAsync(1999);
      expect(cancel).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      await drained;
      expect(cancel).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });

  it('cancels a response that goes on sending more than it is willing to read', async () => {
    const { reader, controller, cancel } = body();
    const drained = drainThenCancel(reader, 60_000, 100);
    for (let i = 0; i < 5; i += 1) controller.enqueue(new Uint8Array(30));
    await drained;
    expect(cancel).toHaveBeenCalledOnce();
  });

  it('takes a body that breaks while draining in its stride', async () => {
    const { reader, controller } = body();
    const drained = drainThenCancel(reader, 60_000);
    controller.error(new Error('socket hang up'));
    await expect(drained).resolves.toBeUndefined();
  });
});
