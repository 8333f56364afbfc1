import { APICallError } from '@ai-sdk/provider';
import { abortReason, sleep } from './abort';
import type { ChatRequestBody } from './chat-request-body';
import { continuationRetryDelay } from './continuation-retry';
import { decodeChunk, EventStreamDecoder, EventTooLargeError } from './decode-event-stream';
import { drainThenCancel } from './drain-body';
import { errorMessage } from './fetch-function';
import { idleTimeoutError, isIdleTimeoutError, withIdleDeadline } from './idle-timer';
import {
  agentStoppedError,
  brokenContinuationError,
  brokenStreamError,
  detailOfObject,
  notAStreamError,
  type StreamSource,
} from './robocoders-error';
import { isAgentEvent, type RobocodersEvent } from './robocoders-event';
import type { RobocodersPart, RobocodersStepText } from './robocoders-part';
import { finishOf, PAUSED_FINISH, type TurnFinish, TurnTranslator } from './turn-translator';

/** Options of {@link createTurnStream}. */
export interface TurnStreamOptions {
  /** The accepted response of the first chat request. */
  response: Response;
  request: ChatRequestBody;
  url: string;
  maxContinuations: number;
  /**
   * Answer a turn the agent left waiting for the user (`wait_for_response`) with the continue
   * prompt; a step-budget pause is continued either way.
   */
  continueOnWait: boolean;
  includeRawEvents: boolean;
  /**
   * The actions an adapter shows as tool calls. Their events, and the observations answering
   * them, add no text, so the answer does not repeat every step. Default: none.
   */
  toolActions?: (action: string) => boolean;
  /** Where the text of steps goes (see {@link RobocodersStepText}). */
  agentSteps: RobocodersStepText;
  /** The session was created for this call (its usage figures start at zero). */
  newSession?: boolean;
  /** The call's abort signal. */
  signal: AbortSignal | undefined;
  now: () => number;
  /** Sends the continue prompt on the same session; resolves with the accepted response. */
  continueChat: (signal: AbortSignal) => Promise<Response>;
  /**
   * That long without a byte on any response of the turn (or without the response to a
   * continuation) ends the stream with a non-retryable error; `0` disables.
   */
  idleTimeoutMs: number;
  /** Longest line or SSE event accepted. */
  maxEventBytes: number;
  /** Reports a fault the stream recovered from or put up with (the logger's warning). */
  warn?: (message: string) => void;
  /** Reports that the turn ended with an error part (the logger's error). */
  logError?: (message: string) => void;
}

/** The body being read: one per response (the first chat's, then each continuation's). */
interface Body {
  reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  decoder: EventStreamDecoder;
  status: number;
  contentType: string | null;
  /** Its objects shaped like agent events: a body without one is not a stream. */
  events: number;
  /** The `detail` of an object that was not an event (a FastAPI error body). */
  detail: string | undefined;
}

function openBody(response: Response, maxEventBytes: number): Body {
  const contentType = response.headers.get('content-type');
  return {
    reader: response.body?.getReader(),
    decoder: new EventStreamDecoder({ contentType, maxEventBytes }),
    status: response.status,
    contentType,
    events: 0,
    detail: undefined,
  };
}

/**
 * What to do when a turn's events stop: send the continue prompt, or finish. A pause at the
 * step budget is continued, a wait only with `continueOnWait`; never more than
 * `maxContinuations` times.
 */
export function shouldContinue(
  finish: TurnFinish,
  continuations: number,
  options: Pick<TurnStreamOptions, 'maxContinuations' | 'continueOnWait'>,
): boolean {
  if (continuations >= options.maxContinuations) return false;
  if (finish === PAUSED_FINISH) return true;
  return finish.awaitingInput && options.continueOnWait;
}

/** The continuation's response under the idle deadline; a 429 or 503 is retried after a pause. */
async function sendContinuation(options: TurnStreamOptions, signal: AbortSignal) {
  const { url, request, idleTimeoutMs } = options;
  for (let attempt = 0; ; attempt++) {
    try {
      return await withIdleDeadline(options.continueChat, idleTimeoutMs, signal, () =>
        idleTimeoutError(url, request, idleTimeoutMs),
      );
    } catch (error) {
      const delay = continuationRetryDelay(error, attempt);
      if (delay === undefined || signal.aborted || isIdleTimeoutError(error)) throw error;
      await sleep(delay, signal);
    }
  }
}

/** The error a failed read or decode ends the turn with, and its raw finish reason. */
function readError(source: StreamSource, events: number, error: unknown): [unknown, string] {
  if (isIdleTimeoutError(error)) return [error, 'idle_timeout'];
  if (error instanceof EventTooLargeError) {
    return [brokenStreamError(source, events, error, true), 'event_too_large'];
  }
  return [brokenStreamError(source, events, error, false), 'stream_error'];
}

/**
 * Reads a chat response (and the continuations it triggers) into {@link RobocodersPart}s: the
 * I/O loop around a {@link TurnTranslator}. It owns the reader, the decoder, the idle deadline,
 * sending (and retrying) the continuation, and cancellation.
 *
 * When the turn's events stop (a wait, a step-budget pause, a `finish` or `reject` action) it
 * stops reading at once, lets the server end the body for a moment and then cancels it (the
 * server may keep it open, see `drain-body`), and either streams the reply to the
 * continue prompt in place ({@link shouldContinue}) or finishes. It always ends with exactly
 * one `finish` part; a broken stream puts an `error` part before it, never retryable (the
 * agent already took the prompt). A continuation that fails before its first event does not
 * fail the call: the turn finishes as it stood, with `continuationError` in the metadata (a
 * 429 or 503 is retried first, see `continuation-retry`). Aborting the call errors the stream
 * with the abort reason; cancelling it closes the upstream connection.
 */
export function createTurnStream(options: TurnStreamOptions): ReadableStream<RobocodersPart> {
  const loop = new TurnLoop(options);
  return new ReadableStream<RobocodersPart>(
    {
      start: (controller) => loop.start(controller),
      pull: () => loop.pull(),
      cancel: (reason) => loop.cancel(reason),
    },
    { highWaterMark: 0 },
  );
}

/** The state of one turn's reading: the current body, how the turn stood, whether it ended. */
class TurnLoop {
  private readonly options: TurnStreamOptions;
  private readonly source: StreamSource;
  private readonly turn: TurnTranslator;
  // Lets `cancel()` abort a continuation request that is still waiting for its response.
  private readonly internal = new AbortController();
  private controller!: ReadableStreamDefaultController<RobocodersPart>;
  private emitted = 0;
  private body: Body;
  private skippedBefore = 0;
  // While a continuation's body has no event yet: how the turn stood before it.
  private beforeContinuation: TurnFinish | undefined;
  private closed = false;

  constructor(options: TurnStreamOptions) {
    this.options = options;
    const { request, signal } = options;
    this.source = { url: options.url, body: request };
    this.body = openBody(options.response, options.maxEventBytes);
    signal?.addEventListener('abort', this.onCallAbort, { once: true });
    this.turn = new TurnTranslator({
      sessionId: request.sid,
      agent: request.agent,
      toolActions: options.toolActions ?? (() => false),
      agentSteps: options.agentSteps,
      includeRawEvents: options.includeRawEvents,
      newSession: options.newSession ?? false,
      emit: (part) => {
        this.emitted++;
        if (part.type === 'error') {
          this.options.logError?.(
            `the call in session "${request.sid}" ended with an error: ${errorMessage(part.error)}`,
          );
        }
        this.controller.enqueue(part);
      },
    });
  }

  start(controller: ReadableStreamDefaultController<RobocodersPart>): void {
    this.controller = controller;
    this.turn.start(new Date(this.options.now()));
  }

  async pull(): Promise<void> {
    const before = this.emitted;
    while (!this.closed && this.emitted === before) {
      const chunk = await this.readChunk();
      if (chunk === undefined || this.closed) return;
      if (this.read(chunk.events) || chunk.done) await this.turnStopped();
      else this.turn.flush();
    }
  }

  cancel(reason: unknown): void {
    this.close(() => this.internal.abort(reason));
  }

  private readonly onCallAbort = () =>
    this.internal.abort(abortReason(this.options.signal as AbortSignal));

  private readonly release = () => {
    const { reader } = this.body;
    this.body.reader = undefined;
    reader?.cancel().catch(() => {});
  };

  private close(end: () => void): void {
    this.closed = true;
    this.options.signal?.removeEventListener('abort', this.onCallAbort);
    this.release();
    end();
  }

  private skippedLines(): number {
    return this.skippedBefore + this.body.decoder.skippedLines;
  }

  private finish(how: TurnFinish): void {
    const skipped = this.skippedLines();
    if (skipped > 0) {
      this.options.warn?.(
        `skipped ${skipped} line(s) of session ${this.options.request.sid} that were not JSON events`,
      );
    }
    this.close(() => {
      this.turn.finish(how, skipped);
      this.controller.close();
    });
  }

  private fail([error, rawFinishReason]: [unknown, string]): void {
    this.close(() => {
      this.turn.fail(error, rawFinishReason, this.skippedLines());
      this.controller.close();
    });
  }

  /** A failed request or read: an abort errors the stream; a failed continuation keeps the turn. */
  private failed(error: unknown, failure: () => [unknown, string]): void {
    const { signal, warn, request } = this.options;
    if (signal?.aborted && !isIdleTimeoutError(error)) {
      this.close(() => this.controller.error(abortReason(signal)));
    } else if (this.beforeContinuation !== undefined && !(error instanceof EventTooLargeError)) {
      const reported = failure()[0];
      const statusCode = APICallError.isInstance(reported) ? reported.statusCode : undefined;
      const message = errorMessage(reported);
      this.turn.continuationFailed({
        ...(statusCode !== undefined ? { statusCode } : {}),
        message,
      });
      warn?.(
        `the continuation of session ${request.sid} failed: ${message}; the answer so far stands`,
      );
      this.finish(this.beforeContinuation);
    } else this.fail(failure());
  }

  /** The turn's events stopped (or its body ended): continue it, or finish. */
  private async turnStopped(): Promise<void> {
    const { turn, body } = this;
    const { reader } = body;
    body.reader = undefined;
    if (reader) void drainThenCancel(reader);
    if (body.events === 0) {
      const error = notAStreamError(this.source, {
        ...body,
        skippedLines: body.decoder.skippedLines,
      });
      return this.failed(error, () => [error, 'stream_error']);
    }
    if (turn.end?.type === 'agent-error') {
      return this.fail([agentStoppedError(this.source, turn.end.message), 'agent_error']);
    }
    const how = finishOf(turn.end);
    if (!shouldContinue(how, turn.continuations, this.options)) return this.finish(how);
    turn.continued();
    this.beforeContinuation = how;
    try {
      const response = await sendContinuation(this.options, this.internal.signal);
      if (this.closed) return void response.body?.cancel().catch(() => {});
      this.skippedBefore += body.decoder.skippedLines;
      this.body = openBody(response, this.options.maxEventBytes);
    } catch (error) {
      if (!this.closed) this.failed(error, () => [error, 'continuation']);
    }
  }

  /** Reads one network chunk and its events; `undefined` when the stream was ended. */
  private async readChunk(): Promise<{ done: boolean; events: RobocodersEvent[] } | undefined> {
    const { reader } = this.body;
    if (reader === undefined) return { done: true, events: [] };
    const { url, request, idleTimeoutMs } = this.options;
    try {
      const result = await withIdleDeadline(
        (deadline) => {
          deadline.addEventListener('abort', this.release, { once: true });
          return reader.read();
        },
        idleTimeoutMs,
        undefined,
        () => idleTimeoutError(url, request, idleTimeoutMs),
      );
      if (this.closed) return undefined;
      const decoded = decodeChunk(this.body.decoder, result.done ? undefined : result.value);
      return { done: result.done, events: Array.isArray(decoded) ? decoded : await decoded };
    } catch (error) {
      if (this.closed) return undefined;
      this.failed(error, () =>
        this.beforeContinuation !== undefined && !isIdleTimeoutError(error)
          ? [brokenContinuationError(this.source, error), 'stream_error']
          : readError(this.source, this.turn.eventCount, error),
      );
      return undefined;
    }
  }

  /** Reads `events` until one ends the turn; `true` when one did. */
  private read(events: RobocodersEvent[]): boolean {
    for (const event of events) {
      if (isAgentEvent(event)) {
        this.body.events++;
        this.beforeContinuation = undefined;
      } else this.body.detail ??= detailOfObject(event);
      if (this.turn.read(event)) return true;
    }
    return false;
  }
}
