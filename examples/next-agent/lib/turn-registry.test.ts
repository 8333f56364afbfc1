import { describe, expect, it } from 'vitest';
import { createMemoryPubSub } from './turn-pubsub';
import { createTurnRegistry, type TurnRegistry } from './turn-registry';

const failureChunk = (error: unknown) => `error: ${(error as Error).message}\n`;

/** A turn's stream that the test feeds by hand, and the signal it was started with. */
function handFed() {
  let feed!: ReadableStreamDefaultController<string>;
  let signal: AbortSignal | undefined;
  const produce = (given: AbortSignal) => {
    signal = given;
    return new ReadableStream<string>({
      start: (controller) => {
        feed = controller;
      },
    });
  };
  return { produce, feed: () => feed, signal: () => signal };
}

async function readAll(stream: ReadableStream<string> | undefined): Promise<string> {
  if (!stream) throw new Error('no stream');
  let text = '';
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) text += read.value;
  return text;
}

/** Waits until the registry says the turn is `state` (the end is marked after the last chunk). */
async function until(turns: TurnRegistry, turnId: string, state: string) {
  for (let attempt = 0; attempt < 1000 && (await turns.state(turnId)) !== state; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  expect(await turns.state(turnId)).toBe(state);
}

describe('createTurnRegistry', () => {
  it('start: the first reader gets the whole turn; the turn is running until it ends', async () => {
    const turns = createTurnRegistry({ pubsub: createMemoryPubSub(), failureChunk });
    const source = handFed();
    expect(await turns.state('t1')).toBe('unknown');
    const first = await turns.start('t1', source.produce);
    expect(await turns.state('t1')).toBe('running');
    source.feed().enqueue('a');
    source.feed().enqueue('b');
    source.feed().close();
    expect(await readAll(first)).toBe('ab');
    await until(turns, 't1', 'done');
  });

  it('resume: a reader that joins mid-turn gets what was sent so far, then the rest', async () => {
    const pubsub = createMemoryPubSub();
    const turns = createTurnRegistry({ pubsub, failureChunk });
    // Another app instance on the same pub/sub (Redis in production).
    const elsewhere = createTurnRegistry({ pubsub, failureChunk });
    const source = handFed();
    const first = await turns.start('t2', source.produce);
    source.feed().enqueue('one ');
    const firstText = readAll(first);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const joined = await elsewhere.resume('t2');
    const second = await turns.resume('t2');
    source.feed().enqueue('two');
    source.feed().close();
    expect(await firstText).toBe('one two');
    expect(await readAll(joined)).toBe('one two');
    expect(await readAll(second)).toBe('one two');
    await until(turns, 't2', 'done');
    expect(await turns.resume('t2')).toBeUndefined();
    expect(await turns.resume('never-started')).toBeUndefined();
  });

  it('finish: the turn runs to its end when its reader goes away', async () => {
    const turns = createTurnRegistry({ pubsub: createMemoryPubSub(), failureChunk });
    let produced = 0;
    const first = await turns.start(
      't3',
      () =>
        new ReadableStream<string>({
          pull(controller) {
            produced += 1;
            if (produced > 50) controller.close();
            else controller.enqueue(`${produced},`);
          },
        }),
    );
    // The page is closed: its response stream is cancelled after the first chunk.
    const reader = first.getReader();
    await reader.read();
    await reader.cancel();
    await until(turns, 't3', 'done');
    expect(produced).toBe(51);
  });

  it('stop: any instance stops the running turn through its signal; nothing else is stopped', async () => {
    const pubsub = createMemoryPubSub();
    const turns = createTurnRegistry({ pubsub, failureChunk });
    const elsewhere = createTurnRegistry({ pubsub, failureChunk });
    const source = handFed();
    const first = await turns.start('t4', source.produce);
    const other = handFed();
    await turns.start('t5', other.produce);
    source.signal()?.addEventListener('abort', () => {
      source.feed().enqueue('stopped');
      source.feed().close();
    });
    expect(await elsewhere.stop('t4')).toBe(true);
    expect(await readAll(first)).toBe('stopped');
    expect(source.signal()?.aborted).toBe(true);
    expect(other.signal()?.aborted).toBe(false);
    await until(turns, 't4', 'done');
    expect(await elsewhere.stop('t4')).toBe(false);
    expect(await turns.stop('unknown-turn')).toBe(false);
  });

  it('error: a turn whose stream breaks ends with the failure chunk for every reader', async () => {
    const turns = createTurnRegistry({ pubsub: createMemoryPubSub(), failureChunk });
    const source = handFed();
    const first = await turns.start('t6', source.produce);
    source.feed().enqueue('partial ');
    source.feed().error(new Error('upstream went away'));
    expect(await readAll(first)).toBe('partial error: upstream went away\n');
    await until(turns, 't6', 'done');
  });

  it('a running mark left by an instance that died expires, so the chat is free again', async () => {
    let clock = 0;
    const pubsub = createMemoryPubSub(() => clock);
    const turns = createTurnRegistry({ pubsub, failureChunk, heartbeatSeconds: 30 });
    await pubsub.publisher.set('next-agent:turn:ghost', 'running', { EX: 30 });
    expect(await turns.state('ghost')).toBe('running');
    clock += 31_000;
    expect(await turns.state('ghost')).toBe('unknown');
    expect(await turns.resume('ghost')).toBeUndefined();
  });
});

describe('createTurnRegistry when its pub/sub fails', () => {
  it('cancels the turn it could not publish and leaves no mark of it running', async () => {
    const pubsub = createMemoryPubSub();
    const turns = createTurnRegistry({ pubsub, failureChunk });
    const broken = {
      ...pubsub,
      publisher: {
        ...pubsub.publisher,
        set: async (key: string, value: string, options?: { EX?: number }) => {
          // The stream's own sentinel cannot be written; the turn's marks can.
          if (key.includes(':streams:')) throw new Error('redis down');
          return pubsub.publisher.set(key, value, options);
        },
      },
    };
    const failing = createTurnRegistry({ pubsub: broken, failureChunk });
    let cancelled = false;
    await expect(
      failing.start(
        't7',
        () =>
          new ReadableStream<string>({
            cancel: () => {
              cancelled = true;
            },
          }),
      ),
    ).rejects.toThrow('redis down');
    expect(cancelled).toBe(true);
    expect(await turns.state('t7')).toBe('done');
  });
});
