import type { createParser, EventSourceParser } from 'eventsource-parser';
import type { RobocodersEvent } from './robocoders-event';

/** How `POST /chat` frames its events. */
export type EventFraming = 'ndjson' | 'sse';

/** Default of `maxEventBytes`: 16 MiB, far above any observation the service sends. */
import { DEFAULT_MAX_EVENT_BYTES } from './stream-limits';

export { DEFAULT_MAX_EVENT_BYTES };

/** Server-Sent Events for `text/event-stream`, newline-delimited JSON for anything else. */
export function framingOf(contentType: string | null | undefined): EventFraming {
  return contentType != null && /^\s*text\/event-stream\b/i.test(contentType) ? 'sse' : 'ndjson';
}

const SSE_FIELDS = ['data:', 'event:', 'id:', 'retry:'];

/**
 * The framing a body's first lines show, or `undefined` while they do not tell yet. `text` is
 * the start of the body without blank lines and comment lines (`:`), which both framings carry
 * as keep-alives; `complete` says whether it holds a whole line (or the body ended). A line that
 * is neither an SSE field nor a JSON object (an HTML page, proxy text) is a tie, which the
 * content type breaks.
 */
export function framingOfContent(
  text: string,
  complete: boolean,
): EventFraming | 'tie' | undefined {
  if (text === '') return complete ? 'tie' : undefined;
  if (text.startsWith('{')) return 'ndjson';
  if (SSE_FIELDS.some((field) => text.startsWith(field))) return 'sse';
  if (!complete && SSE_FIELDS.some((field) => field.startsWith(text))) return undefined;
  return 'tie';
}

/** A line or SSE event longer than `maxEventBytes`: reading on would hold it all in memory. */
export class EventTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`an event (line) longer than ${limit} bytes (maxEventBytes)`);
    this.name = 'EventTooLargeError';
  }
}

const LF = 0x0a;

/** Options of {@link EventStreamDecoder}. */
export interface EventStreamDecoderOptions {
  /** Breaks a tie when the body's first line shows neither framing. */
  contentType?: string | null;
  /** The framing, when known beforehand; otherwise it is read from the body. */
  framing?: EventFraming;
  /** eventsource-parser's `createParser`; without it SSE waits for {@link useSseParser}. */
  createSseParser?: typeof createParser;
  /** Longest line (or SSE event) accepted; default {@link DEFAULT_MAX_EVENT_BYTES}. */
  maxEventBytes?: number;
}

/**
 * Turns the bytes of a chat response into events, one network chunk at a time.
 *
 * The framing is read from the body's first line that shows one (`{` for NDJSON; `data:`,
 * `event:`, `id:`, `retry:` for SSE), so a mislabelled body still decodes; the content type
 * only breaks a tie. Lines and UTF-8 characters may be split anywhere between chunks; `\r\n`,
 * blank lines and a last line without a newline are accepted. Lines that are not a JSON object
 * are skipped and counted in {@link skippedLines}. A line or event longer than `maxEventBytes`
 * throws {@link EventTooLargeError}, so memory stays bounded whatever the server sends. It is a
 * plain object fed by the caller rather than a `TransformStream`, so the core reads the body
 * and emits parts in a single stage.
 */
export class EventStreamDecoder {
  /** Lines (or SSE `data` fields) skipped because they were not a JSON object. */
  skippedLines = 0;
  /** The body's framing, once known. */
  framing: EventFraming | undefined;

  private readonly textDecoder = new TextDecoder();
  private readonly contentType: string | null | undefined;
  private readonly maxEventBytes: number;
  private createSse: typeof createParser | undefined;
  private sse: EventSourceParser | undefined;
  private pending = '';
  private out: RobocodersEvent[] = [];
  // Bytes since the last line feed, and (SSE) since the last dispatched event.
  private lineBytes = 0;
  private eventBytes = 0;
  private dispatched = false;
  // Comment lines dropped while the framing was unknown: skipped lines if it is NDJSON.
  private leadingComments = 0;

  constructor(options: EventStreamDecoderOptions = {}) {
    this.contentType = options.contentType;
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.framing = options.framing;
    this.createSse = options.createSseParser;
  }

  /** Whether the body is SSE and the parser has to be given ({@link useSseParser}) first. */
  get needsSseParser(): boolean {
    return this.framing === 'sse' && this.createSse === undefined;
  }

  /** Supplies eventsource-parser's `createParser`, loaded when the first SSE body is seen. */
  useSseParser(create: typeof createParser): void {
    if (this.createSse !== undefined) return;
    this.createSse = create;
    if (this.framing === 'sse') {
      const text = this.pending;
      this.pending = '';
      this.feedSse(text);
    }
  }

  /** Decodes one chunk and returns the events it completed, in order. */
  push(chunk: Uint8Array): RobocodersEvent[] {
    this.count(chunk);
    this.feed(this.textDecoder.decode(chunk, { stream: true }), false);
    if (this.eventBytes > this.maxEventBytes) throw new EventTooLargeError(this.maxEventBytes);
    return this.take();
  }

  /**
   * Flushes what is left at the end of the body (an incomplete character or last line). When
   * it decides SSE framing without a parser, call it again after {@link useSseParser}.
   */
  end(): RobocodersEvent[] {
    this.feed(this.textDecoder.decode(), true);
    if (this.needsSseParser) return this.take();
    if (this.framing === 'sse') {
      // Ends a last field line and dispatches a last event that lacked its blank line; on a
      // stream that ended cleanly this is an empty event, which is not dispatched.
      this.feedSse('\n\n');
    } else if (this.pending !== '') {
      const last = this.pending;
      this.pending = '';
      this.parseLine(last);
    }
    return this.take();
  }

  /** Tracks the bytes of the current line and event, before they are decoded. */
  private count(chunk: Uint8Array): void {
    const last = chunk.lastIndexOf(LF);
    if (last === -1) {
      this.lineBytes += chunk.byteLength;
    } else {
      const first = chunk.indexOf(LF);
      // A line that ended in this chunk, counted with what earlier chunks held of it.
      if (this.lineBytes + first > this.maxEventBytes) {
        throw new EventTooLargeError(this.maxEventBytes);
      }
      this.lineBytes = chunk.byteLength - last - 1;
    }
    this.eventBytes = this.framing === 'sse' ? this.eventBytes + chunk.byteLength : this.lineBytes;
    if (this.lineBytes > this.maxEventBytes) throw new EventTooLargeError(this.maxEventBytes);
  }

  private take(): RobocodersEvent[] {
    const events = this.out;
    // Never hands out the array it keeps filling: a caller may hold it across an await.
    if (events.length === 0) return [];
    this.out = [];
    return events;
  }

  private feed(text: string, ended: boolean): void {
    if (this.framing === undefined) {
      text = this.sniff(text, ended);
      if (this.framing === undefined) return;
    }
    if (text === '') return;
    if (this.framing === 'sse') {
      this.feedSse(text);
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

  private feedSse(text: string): void {
    if (this.createSse === undefined) {
      this.pending += text;
      return;
    }
    this.sse ??= this.createSse({
      onEvent: (message) => {
        this.dispatched = true;
        if (message.data !== '[DONE]') this.parseLine(message.data);
      },
    });
    this.dispatched = false;
    this.sse.feed(text);
    // What follows the last dispatched event is at most the line still open.
    if (this.dispatched) this.eventBytes = this.lineBytes;
  }

  /**
   * Reads the framing from the start of the body; returns the text to decode once it is known
   * (`framing` set), else keeps the undecided start (at most a few characters) in `pending`.
   */
  private sniff(text: string, ended: boolean): string {
    let rest = this.pending + text;
    for (;;) {
      rest = rest.replace(/^\s+/, '');
      const newline = rest.indexOf('\n');
      // Comment lines carry nothing in either framing: drop them while undecided.
      if (rest.startsWith(':') && newline !== -1) {
        rest = rest.slice(newline + 1);
        this.leadingComments++;
        continue;
      }
      if (rest.startsWith(':') && !ended) {
        this.pending = rest;
        return '';
      }
      const decided = framingOfContent(rest.startsWith(':') ? '' : rest, ended || newline !== -1);
      if (decided === undefined) {
        this.pending = rest;
        return '';
      }
      this.framing = decided === 'tie' ? framingOf(this.contentType) : decided;
      if (this.framing === 'ndjson') this.skippedLines += this.leadingComments;
      this.pending = '';
      return rest;
    }
  }

  private parseLine(line: string): void {
    if (line.length > this.maxEventBytes) throw new EventTooLargeError(this.maxEventBytes);
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

let sseParser: Promise<typeof createParser> | undefined;

/** eventsource-parser's `createParser`, imported with the first SSE body and then kept. */
export function loadSseParser(): Promise<typeof createParser> {
  sseParser ??= import('eventsource-parser').then((module) => module.createParser);
  return sseParser;
}

/**
 * Decodes a chunk, or the end of the body (`undefined`). The SSE parser is loaded the first
 * time a body turns out to be SSE, so what loads at start serves the NDJSON the service sends;
 * the result is a promise only then.
 *
 * @throws EventTooLargeError for a line or event over the decoder's `maxEventBytes`.
 */
export function decodeChunk(
  decoder: EventStreamDecoder,
  chunk: Uint8Array | undefined,
): RobocodersEvent[] | Promise<RobocodersEvent[]> {
  const events = chunk === undefined ? decoder.end() : decoder.push(chunk);
  if (!decoder.needsSseParser) return events;
  return loadSseParser().then((create) => {
    decoder.useSseParser(create);
    return [...events, ...(chunk === undefined ? decoder.end() : decoder.push(EMPTY))];
  });
}

const EMPTY = new Uint8Array(0);
