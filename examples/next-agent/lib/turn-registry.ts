import { createResumableStreamContext } from 'resumable-stream/generic';
import type { TurnPubSub } from './turn-pubsub';

/** Where a turn is: producing, finished (or stopped, or failed), or not known here (never, or lost). */
export type TurnState = 'running' | 'done' | 'unknown';

export interface TurnRegistryOptions {
  pubsub: TurnPubSub;
  /** Prefix of every key and channel (several apps can share one Redis). */
  keyPrefix?: string;
  /** Keeps a serverless function alive until a turn has ended (`after` in Next.js); null on a server. */
  waitUntil?: ((promise: Promise<unknown>) => void) | null;
  /** The last chunk of a turn whose stream broke (an SSE error event), so readers are told. */
  failureChunk: (error: unknown) => string;
  /**
   * How long a running turn's mark outlives the last sign of life of its instance. A crashed
   * instance leaves a mark that says "running": after this, the chat is free again.
   */
  heartbeatSeconds?: number;
}

/**
 * The turns of the app, each an SSE text stream that runs to its end whether or not anyone reads
 * it: resumed by any number of readers (`resumable-stream`), stopped from any instance.
 */
export interface TurnRegistry {
  /**
   * Starts `produce` with a signal that only Stop aborts, and returns a stream for the first
   * reader (cancelling it does not stop the turn).
   */
  start(
    turnId: string,
    produce: (signal: AbortSignal) => ReadableStream<string>,
  ): Promise<ReadableStream<string>>;
  /** Everything the turn has sent so far, then the rest; undefined when it is not running. */
  resume(turnId: string): Promise<ReadableStream<string> | undefined>;
  state(turnId: string): Promise<TurnState>;
  /** Asks the instance running the turn to stop it; false when it is not running. */
  stop(turnId: string): Promise<boolean>;
}

const DONE_MARK_SECONDS = 24 * 60 * 60;

export function createTurnRegistry(options: TurnRegistryOptions): TurnRegistry {
  const { pubsub, failureChunk } = options;
  const prefix = options.keyPrefix ?? 'next-agent';
  const heartbeatSeconds = options.heartbeatSeconds ?? 30;
  const streams = createResumableStreamContext({
    keyPrefix: `${prefix}:streams`,
    waitUntil: options.waitUntil ?? null,
    publisher: pubsub.publisher,
    subscriber: pubsub.subscriber,
  });
  const markKey = (turnId: string) => `${prefix}:turn:${turnId}`;
  const stopChannel = (turnId: string) => `${prefix}:stop:${turnId}`;
  const mark = (turnId: string, state: 'running' | 'done', seconds: number) =>
    pubsub.publisher.set(markKey(turnId), state, { EX: seconds });
  const state = async (turnId: string): Promise<TurnState> => {
    const value = await pubsub.publisher.get(markKey(turnId));
    return value === 'running' || value === 'done' ? value : 'unknown';
  };

  return {
    async start(turnId, produce) {
      const stopper = new AbortController();
      await pubsub.subscriber.subscribe(stopChannel(turnId), () => stopper.abort());
      await mark(turnId, 'running', heartbeatSeconds);
      const heartbeat = setInterval(
        () => void mark(turnId, 'running', heartbeatSeconds).catch(() => undefined),
        (heartbeatSeconds * 1000) / 3,
      );
      heartbeat.unref?.();
      const ended = async () => {
        clearInterval(heartbeat);
        await Promise.allSettled([
          pubsub.subscriber.unsubscribe(stopChannel(turnId)),
          mark(turnId, 'done', DONE_MARK_SECONDS),
        ]);
      };
      let source: ReadableStream<string>;
      try {
        source = produce(stopper.signal);
      } catch (error) {
        await ended();
        throw error;
      }
      try {
        const stream = await streams.createNewResumableStream(turnId, () =>
          endsCleanly(source, ended, failureChunk),
        );
        if (!stream) throw new Error(`Turn ${turnId} has already run`);
        return stream;
      } catch (error) {
        // Nobody could read the turn (the pub/sub failed): it must not run on unseen.
        await source.cancel(error).catch(() => undefined);
        await ended();
        throw error;
      }
    },

    async resume(turnId) {
      if ((await state(turnId)) !== 'running') return undefined;
      try {
        return (await streams.resumeExistingStream(turnId)) ?? undefined;
      } catch {
        // No answer from the instance that ran it ("Timeout waiting for ack"): it is gone.
        return undefined;
      }
    },

    state,

    async stop(turnId) {
      if ((await state(turnId)) !== 'running') return false;
      await pubsub.publisher.publish(stopChannel(turnId), 'stop');
      return true;
    },
  };
}

/**
 * `source`, ending with `failureChunk(error)` instead of an error: `resumable-stream` reads its
 * source without a catch, and a turn that broke must still end for every reader.
 */
function endsCleanly(
  source: ReadableStream<string>,
  ended: () => Promise<void>,
  failureChunk: (error: unknown) => string,
): ReadableStream<string> {
  const reader = source.getReader();
  return new ReadableStream<string>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (!done) {
          controller.enqueue(value);
          return;
        }
      } catch (error) {
        controller.enqueue(failureChunk(error));
      }
      await ended();
      controller.close();
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
