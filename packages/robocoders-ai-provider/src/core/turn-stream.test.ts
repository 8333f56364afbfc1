import { APICallError } from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import {
  createFakeRobocoders,
  type FakeEvent,
  type FakeReply,
  messageEvent,
  ndjson,
} from '../../test/test-utils/fake-robocoders';
import { sendRequest } from './http';
import type { RobocodersPart } from './robocoders-part';
import { createTurnStream } from './turn-stream';

// The held streams here are closed without the grace a server gets to end a response itself
// (drain-body.test.ts covers the grace), so these tests do not wait it out.
vi.mock('./drain-body', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./drain-body')>();
  return {
    ...actual,
    drainThenCancel: (reader: ReadableStreamDefaultReader<Uint8Array>) =>
      actual.drainThenCancel(reader, 0),
  };
});

const BASE = 'http://robocoders.test';
const REQUEST = { sid: 'sid-1', prompt: 'Write a factorial function', agent: 'RepoAgent' };

/** The resolved settings the client passes (defaults), for the tests that do not vary them. */
const SETTINGS = {
  continueOnWait: true,
  agentSteps: 'text',
  idleTimeoutMs: 600_000,
  maxEventBytes: 16 * 1024 * 1024,
} as const;

const HTML_PAGE = '<!doctype html>\n<html><body>\n<h1>Sign in</h1>\n</body></html>\n';

/** 200 answers without a single agent event. */
const EMPTY_ANSWERS: Array<{ name: string; reply: FakeReply; contentType: string; lines: string }> =
  [
    {
      name: 'an HTML page',
      reply: { text: HTML_PAGE, contentType: 'text/html; charset=utf-8' },
      contentType: 'text/html; charset=utf-8',
      lines: '4 lines',
    },
    {
      name: 'an empty body',
      reply: { chunks: [] },
      contentType: 'application/x-ndjson',
      lines: '0 lines',
    },
    {
      name: 'blank lines only',
      reply: { chunks: ['\n', '\r\n\n'] },
      contentType: 'application/x-ndjson',
      lines: '0 lines',
    },
  ];

/**
 * A turn stream over the fake service's `/chat`: its first reply is the turn's response, the
 * others answer the continuation requests.
 */
async function turn(replies: FakeReply[], maxContinuations: number) {
  const fake = createFakeRobocoders({
    chat: (_call, index) => replies[index] ?? { status: 500, json: { detail: 'unexpected' } },
  });
  const post = (signal?: AbortSignal) =>
    fake.fetch(`${BASE}/chat`, {
      method: 'POST',
      body: JSON.stringify(REQUEST),
      signal,
    });
  const stream = createTurnStream({
    ...SETTINGS,
    response: await post(),
    request: REQUEST,
    url: `${BASE}/chat`,
    maxContinuations,
    includeRawEvents: false,
    signal: undefined,
    now: () => 0,
    continueChat: post,
  });
  return { fake, parts: await convertReadableStreamToArray(stream) };
}

const errorOf = (parts: RobocodersPart[]) => {
  const part = parts.find((item) => item.type === 'error');
  if (part?.type !== 'error') throw new Error('no error part');
  return part.error as APICallError;
};

describe('createTurnStream: a 200 answer without a single agent event', () => {
  it.each(EMPTY_ANSWERS)(
    'is an error part and finish error (stream_error) for $name',
    async ({ reply, contentType, lines }) => {
      const { parts } = await turn([reply], 1);

      expect(parts.map((part) => part.type)).toEqual(['response-metadata', 'error', 'finish']);
      const error = errorOf(parts);
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error.message).toBe(
        `Robocoders POST /chat of session sid-1 answered without a single agent event (content-type ${contentType}, ${lines} that were not JSON events).`,
      );
      // The prompt reached the agent: repeating the call could do the work twice.
      expect(error.isRetryable).toBe(false);
      expect(parts.at(-1)).toMatchObject({
        type: 'finish',
        finishReason: 'error',
        rawFinishReason: 'stream_error',
        metadata: { continuations: 0, lastEventId: null },
      });
    },
  );

  it('is an error naming the status and the detail of a JSON body that is not an event', async () => {
    const { parts } = await turn([{ status: 200, json: { detail: 'Backend unavailable' } }], 1);

    expect(parts.map((part) => part.type)).toEqual(['response-metadata', 'error', 'finish']);
    const error = errorOf(parts);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'Robocoders POST /chat of session sid-1 answered 200 with "Backend unavailable" and not a single agent event.',
    );
    expect(error.statusCode).toBe(200);
    expect(error.isRetryable).toBe(false);
    expect(parts.at(-1)).toMatchObject({ finishReason: 'error', rawFinishReason: 'stream_error' });
  });

  it('takes a body for a stream once it holds an event, after an object that is not one', async () => {
    const { parts } = await turn(
      [{ chunks: [ndjson({ detail: 'warming up' } as FakeEvent, messageEvent(1, 'Hello', true))] }],
      0,
    );
    expect(parts.map((part) => part.type)).not.toContain('error');
    expect(parts.at(-1)).toMatchObject({ finishReason: 'stop' });
  });

  it('is an error part for a response without a body', async () => {
    const stream = createTurnStream({
      ...SETTINGS,
      response: new Response(null, { status: 200 }),
      request: REQUEST,
      url: `${BASE}/chat`,
      maxContinuations: 0,
      includeRawEvents: false,
      signal: undefined,
      now: () => 0,
      continueChat: () => Promise.reject(new Error('not called')),
    });
    const parts = await convertReadableStreamToArray(stream);
    expect(errorOf(parts).message).toContain('answered without a single agent event');
    expect(parts.at(-1)).toMatchObject({ finishReason: 'error', rawFinishReason: 'stream_error' });
  });

  it.each(EMPTY_ANSWERS)(
    'keeps the first turn when a continuation is answered with $name (continuationError)',
    async ({ reply, lines }) => {
      const first: FakeReply = { chunks: [ndjson(messageEvent(1, 'Which Python version?', true))] };
      const { fake, parts } = await turn([first, reply], 1);

      expect(fake.callsTo('/chat')).toHaveLength(2);
      expect(parts.map((part) => part.type)).toEqual([
        'response-metadata',
        'text-start',
        'text-delta',
        'text-end',
        'finish',
      ]);
      expect(parts[2]).toEqual({
        type: 'text-delta',
        id: 'text-0',
        delta: 'Which Python version?',
      });
      const finish = parts.at(-1);
      expect(finish).toMatchObject({
        finishReason: 'stop',
        rawFinishReason: 'awaiting_user_input',
        metadata: { continuations: 1, lastEventId: 1, awaitingInput: true },
      });
      const { continuationError } = (finish as Extract<RobocodersPart, { type: 'finish' }>)
        .metadata;
      expect(continuationError?.statusCode).toBeUndefined();
      expect(continuationError?.message).toContain('answered without a single agent event');
      expect(continuationError?.message).toContain(lines);
    },
  );
});

/**
 * A turn stream with the given limits over the fake service's replies (the first is the turn's),
 * not yet read to its end: `parts` resolves when it is.
 */
async function startLimitedTurn(
  replies: FakeReply[],
  options: { maxContinuations?: number; idleTimeoutMs?: number; maxEventBytes?: number } = {},
) {
  const fake = createFakeRobocoders({
    chat: (_call, index) => replies[index] ?? { status: 500, json: { detail: 'unexpected' } },
  });
  // As the client sends it: an error status is thrown as an APICallError.
  const post = (signal?: AbortSignal) =>
    sendRequest({
      fetch: fake.fetch,
      method: 'POST',
      url: `${BASE}/chat`,
      operation: 'POST /chat',
      headers: {},
      body: REQUEST,
      signal,
    });
  const stream = createTurnStream({
    ...SETTINGS,
    response: await post(),
    request: REQUEST,
    url: `${BASE}/chat`,
    maxContinuations: options.maxContinuations ?? 1,
    includeRawEvents: false,
    signal: undefined,
    now: () => 0,
    continueChat: post,
    idleTimeoutMs: options.idleTimeoutMs ?? SETTINGS.idleTimeoutMs,
    maxEventBytes: options.maxEventBytes ?? SETTINGS.maxEventBytes,
  });
  return { fake, parts: convertReadableStreamToArray(stream) };
}

async function limitedTurn(...args: Parameters<typeof startLimitedTurn>) {
  const { fake, parts } = await startLimitedTurn(...args);
  return { fake, parts: await parts };
}

const finishOf = (parts: RobocodersPart[]) =>
  parts.at(-1) as Extract<RobocodersPart, { type: 'finish' }>;

describe('createTurnStream: idleTimeoutMs', () => {
  it('ends a silent stream with a non-retryable error naming the timeout and the endpoint', async () => {
    const { fake, parts } = await limitedTurn(
      [{ chunks: [ndjson(messageEvent(1, 'Working.'))], end: 'hold' }],
      { idleTimeoutMs: 50 },
    );
    expect(parts.map((part) => part.type)).toEqual([
      'response-metadata',
      'text-start',
      'text-delta',
      'text-end',
      'error',
      'finish',
    ]);
    const error = errorOf(parts);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toBe(
      `Robocoders POST /chat (${BASE}/chat) of session sid-1 sent nothing for 50 ms (idleTimeoutMs); the connection was closed.`,
    );
    expect(finishOf(parts)).toMatchObject({
      finishReason: 'error',
      rawFinishReason: 'idle_timeout',
    });
    await vi.waitFor(() => expect(fake.callsTo('/chat')[0].cancelled).toBe(true), {
      timeout: 10_000,
    });
  });

  it('keeps the first turn when a continuation sends nothing in time (continuationError)', async () => {
    const { parts } = await limitedTurn(
      [{ chunks: [ndjson(messageEvent(1, 'Which version?', true))] }, { chunks: [], end: 'hold' }],
      { idleTimeoutMs: 50 },
    );
    expect(parts.map((part) => part.type)).toEqual([
      'response-metadata',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(finishOf(parts)).toMatchObject({
      finishReason: 'stop',
      rawFinishReason: 'awaiting_user_input',
      metadata: {
        continuationError: { message: expect.stringContaining('sent nothing for 50 ms') },
      },
    });
  });

  it('waits without a limit with 0', async () => {
    const { parts } = await limitedTurn([{ chunks: [ndjson(messageEvent(1, 'Done.', true))] }], {
      idleTimeoutMs: 0,
      maxContinuations: 0,
    });
    expect(finishOf(parts).finishReason).toBe('stop');
  });
});

describe('createTurnStream: maxEventBytes', () => {
  it('ends the stream at a line over the limit and closes the connection', async () => {
    const { fake, parts } = await limitedTurn(
      [
        {
          chunks: [ndjson(messageEvent(1, 'Reading.')), '{"id":2,"message":"', 'x'.repeat(3000)],
          end: 'hold',
        },
      ],
      { maxEventBytes: 2048 },
    );
    const error = errorOf(parts);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toBe(
      'Robocoders chat stream of session sid-1 sent an event (line) longer than 2048 bytes (maxEventBytes) after 1 events; the connection was closed.',
    );
    expect(finishOf(parts).rawFinishReason).toBe('event_too_large');
    await vi.waitFor(() => expect(fake.callsTo('/chat')[0].cancelled).toBe(true), {
      timeout: 10_000,
    });
  });
});

describe('createTurnStream: failed continuations', () => {
  it('retries a continuation refused with 429 after the default 500 ms, then streams its answer', async () => {
    vi.useFakeTimers();
    try {
      const { fake, parts } = await startLimitedTurn([
        { chunks: [ndjson(messageEvent(1, 'Paused?', true))] },
        { status: 429, json: { detail: 'slow down' } },
        { chunks: [ndjson(messageEvent(2, 'Done.', true))] },
      ]);
      await vi.advanceTimersByTimeAsync(499);
      expect(fake.callsTo('/chat')).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      const read = await parts;
      expect(fake.callsTo('/chat')).toHaveLength(3);
      expect(read.filter((part) => part.type === 'text-delta')).toHaveLength(2);
      expect(finishOf(read).metadata).not.toHaveProperty('continuationError');
    } finally {
      vi.useRealTimers();
    }
  });

  it('retries twice by default (after 500 ms, then 1 s), then keeps the turn so far', async () => {
    vi.useFakeTimers();
    try {
      const refused: FakeReply = { status: 503, json: { detail: 'busy' } };
      const { fake, parts } = await startLimitedTurn([
        { chunks: [ndjson(messageEvent(1, 'Paused?', true))] },
        refused,
        refused,
        refused,
      ]);
      await vi.advanceTimersByTimeAsync(500);
      expect(fake.callsTo('/chat')).toHaveLength(3);
      await vi.advanceTimersByTimeAsync(999);
      expect(fake.callsTo('/chat')).toHaveLength(3);
      await vi.advanceTimersByTimeAsync(1);
      const read = await parts;
      expect(fake.callsTo('/chat')).toHaveLength(4);
      expect(finishOf(read).metadata.continuationError).toEqual({
        statusCode: 503,
        message: 'Robocoders POST /chat failed with status 503: busy',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  it('waits for a Retry-After in seconds that is longer than the backoff', async () => {
    vi.useFakeTimers();
    try {
      const { fake, parts } = await startLimitedTurn([
        { chunks: [ndjson(messageEvent(1, 'Paused?', true))] },
        { status: 429, json: { detail: 'slow down' }, headers: { 'retry-after': '2' } },
        { chunks: [ndjson(messageEvent(2, 'Done.', true))] },
      ]);
      await vi.advanceTimersByTimeAsync(1999);
      expect(fake.callsTo('/chat')).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      await parts;
      expect(fake.callsTo('/chat')).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not wait for a Retry-After longer than 5 s', async () => {
    const { fake, parts } = await limitedTurn([
      { chunks: [ndjson(messageEvent(1, 'Paused?', true))] },
      { status: 503, json: { detail: 'later' }, headers: { 'retry-after': '3600' } },
    ]);
    expect(fake.callsTo('/chat')).toHaveLength(2);
    expect(finishOf(parts).metadata.continuationError).toEqual({
      statusCode: 503,
      message: 'Robocoders POST /chat failed with status 503: later',
    });
  });

  it('keeps the first turn when the continuation breaks before its first event', async () => {
    const { parts } = await limitedTurn([
      { chunks: [ndjson(messageEvent(1, 'Which version?', true))] },
      { chunks: [], end: 'cut' },
    ]);
    expect(parts.map((part) => part.type)).toEqual([
      'response-metadata',
      'text-start',
      'text-delta',
      'text-end',
      'finish',
    ]);
    expect(finishOf(parts)).toMatchObject({
      finishReason: 'stop',
      rawFinishReason: 'awaiting_user_input',
      metadata: {
        continuationError: { message: expect.stringContaining('broke before its first event') },
      },
    });
  });
});

describe('createTurnStream: the end of a task', () => {
  it('finishes at a finish action without continuing, and closes the held stream', async () => {
    const finish = {
      id: 2,
      source: 'agent',
      message: 'Done.',
      action: 'finish',
      args: { final_thought: 'factorial.py is ready.', outputs: {}, thought: '' },
    };
    const { fake, parts } = await limitedTurn([
      { chunks: [ndjson(messageEvent(1, 'Working.'), finish)], end: 'hold' },
    ]);
    expect(fake.callsTo('/chat')).toHaveLength(1);
    await vi.waitFor(() => expect(fake.callsTo('/chat')[0].cancelled).toBe(true), {
      timeout: 10_000,
    });
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');
    expect(text).toBe('Working.\n\nfactorial.py is ready.');
    expect(finishOf(parts)).toMatchObject({ finishReason: 'stop', rawFinishReason: 'finish' });
  });

  it('continues at once after the max-iteration notice of a held stream', async () => {
    const notice = {
      id: 2,
      source: 'agent',
      observation: 'error',
      message:
        'Agent reached maximum iteration, task paused. Current iteration: 2, max iteration: 2.',
      content:
        'Agent reached maximum iteration, task paused. Current iteration: 2, max iteration: 2.',
      extras: {},
    };
    const { fake, parts } = await limitedTurn([
      { chunks: [ndjson(messageEvent(1, 'Working.'), notice)], end: 'hold' },
      { chunks: [ndjson(messageEvent(3, 'Done.', true))] },
    ]);
    expect(
      fake.callsTo('/chat').map((call) => (call.body as { prompt: string }).prompt),
    ).toHaveLength(2);
    await vi.waitFor(() => expect(fake.callsTo('/chat')[0].cancelled).toBe(true), {
      timeout: 10_000,
    });
    const text = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('');
    expect(text).toBe('Working.\n\nDone.');
    expect(finishOf(parts)).toMatchObject({ finishReason: 'stop', metadata: { continuations: 1 } });
  });
});
