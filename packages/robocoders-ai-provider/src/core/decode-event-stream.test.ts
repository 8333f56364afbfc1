import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import {
  decodeChunk,
  EventStreamDecoder,
  EventTooLargeError,
  framingOf,
  framingOfContent,
} from './decode-event-stream';
import type { RobocodersEvent } from './robocoders-event';

const encoder = new TextEncoder();

function decodeChunks(framing: 'ndjson' | 'sse', chunks: Array<string | Uint8Array>) {
  const decoder = new EventStreamDecoder({ framing, createSseParser: createParser });
  const events: RobocodersEvent[] = [];
  for (const chunk of chunks) {
    events.push(...decoder.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk));
  }
  events.push(...decoder.end());
  return { events, skippedLines: decoder.skippedLines };
}

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const positions = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const position of positions) {
    pieces.push(bytes.subarray(start, position));
    start = position;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

describe('framingOf', () => {
  it('chooses SSE only for text/event-stream', () => {
    expect(framingOf('text/event-stream; charset=utf-8')).toBe('sse');
    expect(framingOf('TEXT/EVENT-STREAM')).toBe('sse');
    expect(framingOf('application/x-ndjson')).toBe('ndjson');
    expect(framingOf('application/json')).toBe('ndjson');
    expect(framingOf(null)).toBe('ndjson');
    expect(framingOf(undefined)).toBe('ndjson');
  });
});

describe('EventStreamDecoder (NDJSON)', () => {
  it('decodes several lines in one chunk', () => {
    const { events } = decodeChunks('ndjson', ['{"id":1}\n{"id":2}\n']);
    expect(events).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('joins a line split across chunks', () => {
    const { events } = decodeChunks('ndjson', ['{"id":', '1,"message":"he', 'llo"}\n']);
    expect(events).toEqual([{ id: 1, message: 'hello' }]);
  });

  it('keeps a multi-byte character split across chunks intact', () => {
    const bytes = encoder.encode('{"message":"naïve ☕ 𝄞"}\n');
    const euro = bytes.indexOf(0xe2);
    const { events } = decodeChunks('ndjson', [
      bytes.subarray(0, euro + 1),
      bytes.subarray(euro + 1),
    ]);
    expect(events).toEqual([{ message: 'naïve ☕ 𝄞' }]);
  });

  it('accepts \\r\\n, blank lines and a last line without newline', () => {
    const { events, skippedLines } = decodeChunks('ndjson', [
      '{"id":1}\r\n\r\n',
      '\n  \n{"id":2}\r\n',
      '{"id":3}',
    ]);
    expect(events).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(skippedLines).toBe(0);
  });

  it('skips and counts malformed lines and non-object values', () => {
    const { events, skippedLines } = decodeChunks('ndjson', [
      'not json\n{"id":1}\n[1,2]\n42\nnull\n{"id":2',
      '}\n{broken\n',
    ]);
    expect(events).toEqual([{ id: 1 }, { id: 2 }]);
    expect(skippedLines).toBe(5);
  });

  it('returns no events for a chunk that completes no line', () => {
    const decoder = new EventStreamDecoder({ framing: 'ndjson' });
    expect(decoder.push(encoder.encode('{"id"'))).toEqual([]);
    expect(decoder.push(encoder.encode(':7}\n'))).toEqual([{ id: 7 }]);
  });

  it('delivers the same events whatever the chunk boundaries (property)', () => {
    const event = fc.record({
      id: fc.nat(),
      message: fc.string({ unit: 'binary', maxLength: 20 }),
    });
    fc.assert(
      fc.property(
        fc.array(event, { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        (input, cuts, newline) => {
          const text = input.map((item) => JSON.stringify(item)).join(newline);
          const { events, skippedLines } = decodeChunks(
            'ndjson',
            splitAt(encoder.encode(text), cuts),
          );
          expect(events).toEqual(input);
          expect(skippedLines).toBe(0);
        },
      ),
      // Seeded: a failure replays the same cases.
      { seed: 20_261_202, numRuns: 100 },
    );
  });
});

describe('EventStreamDecoder (SSE)', () => {
  it('decodes data fields split across chunks and ignores [DONE]', () => {
    const { events, skippedLines } = decodeChunks('sse', [
      'data: {"id":1}\n\nda',
      'ta: {"id":2,"message":"a\\nb"}\r\n\r\n: comment\n\n',
      'data: [DONE]\n\n',
    ]);
    expect(events).toEqual([{ id: 1 }, { id: 2, message: 'a\nb' }]);
    expect(skippedLines).toBe(0);
  });

  it('counts data that is not a JSON object', () => {
    const { events, skippedLines } = decodeChunks('sse', ['data: nope\n\ndata: {"id":3}\n\n']);
    expect(events).toEqual([{ id: 3 }]);
    expect(skippedLines).toBe(1);
  });

  it('dispatches a last event without the closing blank line', () => {
    const { events } = decodeChunks('sse', ['data: {"id":4}']);
    expect(events).toEqual([{ id: 4 }]);
  });
});

/** Decodes through `decodeChunk`, which loads the SSE parser when the body turns out to be SSE. */
async function decodeByContent(
  contentType: string | null,
  chunks: Uint8Array[],
  maxEventBytes?: number,
) {
  const decoder = new EventStreamDecoder({ contentType, maxEventBytes });
  const events: RobocodersEvent[] = [];
  for (const chunk of [...chunks, undefined]) events.push(...(await decodeChunk(decoder, chunk)));
  return { events, framing: decoder.framing, skippedLines: decoder.skippedLines };
}

describe('framingOfContent', () => {
  it.each([
    ['{"id":1}', true, 'ndjson'],
    ['data: {"id":1}', true, 'sse'],
    ['event: message', true, 'sse'],
    ['id: 7', true, 'sse'],
    ['retry: 100', true, 'sse'],
    ['dat', false, undefined],
    ['dat', true, 'tie'],
    ['', false, undefined],
    ['', true, 'tie'],
    ['<!doctype html>', false, 'tie'],
    ['upstream connect error', true, 'tie'],
  ] as const)('%j (complete: %s) is %s', (text, complete, framing) => {
    expect(framingOfContent(text, complete)).toBe(framing);
  });
});

describe('EventStreamDecoder: framing read from the body', () => {
  const ndjsonBody = '\n{"id":1}\n{"id":2,"message":"é"}\n';
  const sseBody = ': hello\n\ndata: {"id":1}\n\nevent: x\ndata: {"id":2,"message":"é"}\n\n';

  it.each([
    ['NDJSON labelled text/event-stream', ndjsonBody, 'text/event-stream; charset=utf-8', 'ndjson'],
    ['SSE labelled application/x-ndjson', sseBody, 'application/x-ndjson', 'sse'],
    ['SSE labelled application/json', sseBody, 'application/json', 'sse'],
    ['NDJSON without a content type', ndjsonBody, null, 'ndjson'],
  ] as const)('decodes %s', async (_name, body, contentType, framing) => {
    const result = await decodeByContent(contentType, [encoder.encode(body)]);
    expect(result.framing).toBe(framing);
    expect(result.events).toEqual([{ id: 1 }, { id: 2, message: 'é' }]);
  });

  it('skips leading comment lines (keep-alives of either framing) before deciding', async () => {
    const result = await decodeByContent('application/x-ndjson', [
      encoder.encode(': keep-alive\n{"id":1}\n'),
    ]);
    // Not JSON in an NDJSON body: skipped and counted, as any other such line.
    expect(result).toMatchObject({ framing: 'ndjson', events: [{ id: 1 }], skippedLines: 1 });
  });

  it('lets the content type break a tie (a first line that is neither)', async () => {
    const html = await decodeByContent('text/html', [encoder.encode('<html>\n{"id":1}\n')]);
    expect(html).toMatchObject({ framing: 'ndjson', events: [{ id: 1 }], skippedLines: 1 });
    const sse = await decodeByContent('text/event-stream', [
      encoder.encode('hi\ndata: {"id":1}\n\n'),
    ]);
    expect(sse).toMatchObject({ framing: 'sse', events: [{ id: 1 }] });
  });

  it('decides the same whatever the chunk boundaries (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('ndjson', 'sse'),
        fc.constantFrom('application/x-ndjson', 'text/event-stream', 'application/json', null),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (framing, contentType, cuts) => {
          const body = encoder.encode(framing === 'ndjson' ? ndjsonBody : sseBody);
          const result = await decodeByContent(contentType, splitAt(body, cuts));
          expect(result.framing).toBe(framing);
          expect(result.events).toEqual([{ id: 1 }, { id: 2, message: 'é' }]);
        },
      ),
      { seed: 20_261_203, numRuns: 150 },
    );
  }, 60_000);
});

describe('EventStreamDecoder: maxEventBytes', () => {
  const endless = (bytes: number) => encoder.encode(`{"id":0,"message":"${'x'.repeat(bytes)}`);

  it.each(['ndjson', 'sse'] as const)(
    'throws EventTooLargeError for a %s line that never ends, chunk by chunk',
    async (framing) => {
      const decoder = new EventStreamDecoder({
        framing,
        createSseParser: createParser,
        maxEventBytes: 1000,
      });
      const prefix = framing === 'sse' ? encoder.encode('data: ') : new Uint8Array(0);
      decoder.push(prefix);
      const push = () => {
        for (let i = 0; i < 10; i++) decoder.push(endless(300));
      };
      expect(push).toThrow(EventTooLargeError);
      expect(push).toThrow('longer than 1000 bytes (maxEventBytes)');
    },
  );

  it('throws for a whole line over the limit in one chunk, and for an SSE event of many lines', () => {
    const ndjson = new EventStreamDecoder({ framing: 'ndjson', maxEventBytes: 100 });
    expect(() => ndjson.push(encoder.encode(`{"message":"${'y'.repeat(200)}"}\n`))).toThrow(
      EventTooLargeError,
    );
    const sse = new EventStreamDecoder({
      framing: 'sse',
      createSseParser: createParser,
      maxEventBytes: 100,
    });
    expect(() => {
      for (let i = 0; i < 20; i++) sse.push(encoder.encode('data: 0123456789\n'));
    }).toThrow(EventTooLargeError);
  });

  it('accepts lines up to the limit, however many', () => {
    const decoder = new EventStreamDecoder({ framing: 'ndjson', maxEventBytes: 64 });
    const line = `${JSON.stringify({ message: 'z'.repeat(40) })}\n`;
    let events = 0;
    for (let i = 0; i < 200; i++) events += decoder.push(encoder.encode(line)).length;
    expect(events).toBe(200);
  });
});
