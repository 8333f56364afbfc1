import type { createParser, EventSourceParser } from 'eventsource-parser';
import type { RobocodersEvent } from './robocoders-event';

/** How `POST /chat` frames its events. */
export type EventFraming = 'ndjson' | 'sse';

/** Server-Sent Events for `text/event-stream`, newline-delimited JSON for anything else. */
export function framingOf(contentType: string | null | undefined): EventFraming {
  return contentType != null && /^\s*text\/event-stream\b/i.test(contentType) ? 'sse' : 'ndjson';
}

/**
 * Turns the bytes of a chat response into events, one network chunk at a time.
 *
 * Lines and UTF-8 characters may be split anywhere between chunks; `\r\n`, blank lines and a
 * last line without a newline are accepted. Lines that are not a JSON object are skipped and
 * counted in {@link skippedLines}. It is a plain object fed by the caller rather than a
 * `TransformStream`, so the core reads the body and emits parts in a single stage.
 */
export class EventStreamDecoder {
  /** Lines (or SSE `data` fields) skipped because they were not a JSON object. */
  skippedLines = 0;

  private readonly textDecoder = new TextDecoder();
  private readonly sse: EventSourceParser | undefined;
  private pending = '';
  private out: RobocodersEvent[] = [];

  /** `createSseParser` (eventsource-parser's `createParser`) is needed for `sse` only. */
  constructor(
    readonly framing: EventFraming,
    createSseParser?: typeof createParser,
  ) {
    if (framing === 'ndjson') return;
    if (createSseParser === undefined) throw new TypeError('An SSE decoder needs a parser.');
    this.sse = createSseParser({
      onEvent: (message) => {
        if (message.data !== '[DONE]') this.parseLine(message.data);
      },
    });
  }

  /** Decodes one chunk and returns the events it completed, in order. */
  push(chunk: Uint8Array): RobocodersEvent[] {
    this.feed(this.textDecoder.decode(chunk, { stream: true }));
    return this.take();
  }

  /** Flushes what is left at the end of the body (an incomplete character or last line). */
  end(): RobocodersEvent[] {
    this.feed(this.textDecoder.decode());
    if (this.sse !== undefined) {
      // Ends a last field line and dispatches a last event that lacked its blank line; on a
      // stream that ended cleanly this is an empty event, which is not dispatched.
      this.sse.feed('\n\n');
    } else if (this.pending !== '') {
      const last = this.pending;
      this.pending = '';
      this.parseLine(last);
    }
    return this.take();
  }

  private take(): RobocodersEvent[] {
    const events = this.out;
    if (events.length > 0) this.out = [];
    return events;
  }

  private feed(text: string): void {
    if (text === '') return;
    if (this.sse !== undefined) {
      this.sse.feed(text);
      return;
    }
    let newline = text.indexOf('\n');
    if (newline === -1) {
      this.pending += text;
      return;
    }
    // Only the carried-over fragment is concatenated, never the whole buffer.
    this.parseLine(this.pending + text.slice(0, newline));
    let start = newline + 1;
    newline = text.indexOf('\n', start);
    while (newline !== -1) {
      this.parseLine(text.slice(start, newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.pending = text.slice(start);
  }

  private parseLine(line: string): void {
    const trimmed = line.trim();
    if (trimmed === '') return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      this.skippedLines++;
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.skippedLines++;
      return;
    }
    this.out.push(value as RobocodersEvent);
  }
}

/**
 * A decoder for a response with this content type. The SSE parser is loaded with the first
 * SSE response, so what loads at start serves the NDJSON the service sends.
 */
export async function createEventStreamDecoder(
  contentType: string | null | undefined,
): Promise<EventStreamDecoder> {
  const framing = framingOf(contentType);
  if (framing === 'ndjson') return new EventStreamDecoder(framing);
  const { createParser } = await import('eventsource-parser');
  return new EventStreamDecoder(framing, createParser);
}
