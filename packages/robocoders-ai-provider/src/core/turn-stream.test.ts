import { APICallError } from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import {
  createFakeRobocoders,
  type FakeReply,
  messageEvent,
  ndjson,
} from '../../test/test-utils/fake-robocoders';
import type { RobocodersPart } from './robocoders-part';
import { createTurnStream } from './turn-stream';

const BASE = 'http://robocoders.test';
const REQUEST = { sid: 'sid-1', prompt: 'Write a factorial function', agent: 'RepoAgent' };

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

  it('is an error part for a response without a body', async () => {
    const stream = createTurnStream({
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
      expect(parts.map((part) => part.type)).toEqual(['response-metadata', 'text-delta', 'finish']);
      expect(parts[1]).toEqual({ type: 'text-delta', delta: 'Which Python version?' });
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
