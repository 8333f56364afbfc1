import { createParser } from 'eventsource-parser';
import fc from 'fast-check';
import { EventStreamDecoder, framingOf } from './decode-event-stream';
import type { RobocodersEvent } from './robocoders-event';

const encoder = new TextEncoder();

function decodeChunks(framing: 'ndjson' | 'sse', chunks: Array<string | Uint8Array>) {
  const decoder = new EventStreamDecoder(framing, createParser);
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
    const decoder = new EventStreamDecoder('ndjson');
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
  }, 60_000);
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
