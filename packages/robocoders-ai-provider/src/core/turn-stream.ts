import { APICallError } from '@ai-sdk/provider';
import { abortReason, sleep } from './abort';
import type { ChatRequestBody } from './chat-request-body';
import { continuationRetryDelay } from './continuation-retry';
import { decodeChunk, EventStreamDecoder, EventTooLargeError } from './decode-event-stream';
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
import type { RobocodersAgentSteps, RobocodersPart } from './robocoders-part';
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
  /** Where the text of steps goes (see {@link RobocodersAgentSteps}). */
  agentSteps: RobocodersAgentSteps;
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
 * cancels the body at once (the server may keep it open) and either streams the reply to the
 * continue prompt in place ({@link shouldContinue}) or finishes. It always ends with exactly
 * one `finish` part; a broken stream puts an `error` part before it, never retryable (the
 * agent already took the prompt). A continuation that fails before its first event does not
 * fail the call: the turn finishes as it stood, with `continuationError` in the metadata (a
 * 429 or 503 is retried first, see `continuation-retry`). Aborting the call errors the stream
 * with the abort reason; cancelling it closes the upstream connection.
 */
export function createTurnStream(options: TurnStreamOptions): ReadableStream<RobocodersPart> {
  const { request, signal } = options;
  const source: StreamSource = { url: options.url, body: request };
  // Lets `cancel()` abort a continuation request that is still waiting for its response.
  const internal = new AbortController();
  const onCallAbort = () => internal.abort(abortReason(signal as AbortSignal));
  signal?.addEventListener('abort', onCallAbort, { once: true });

  let controller!: ReadableStreamDefaultController<RobocodersPart>;
  let emitted = 0;
  let body = openBody(options.response, options.maxEventBytes);
  let skippedBefore = 0;
  // While a continuation's body has no event yet: how the turn stood before it.
  let beforeContinuation: TurnFinish | undefined;
  let closed = false;
  const turn = new TurnTranslator({
    sessionId: request.sid,
    agent: request.agent,
    toolActions: options.toolActions ?? (() => false),
    agentSteps: options.agentSteps,
    includeRawEvents: options.includeRawEvents,
    newSession: options.newSession ?? false,
    emit: (part) => {
      emitted++;
      controller.enqueue(part);
    },
  });

  const release = () => {
    const { reader } = body;
    body.reader = undefined;
    reader?.cancel().catch(() => {});
  };
  const close = (end: () => void) => {
    closed = true;
    signal?.removeEventListener('abort', onCallAbort);
    release();
    end();
  };
  const skippedLines = () => skippedBefore + body.decoder.skippedLines;
  const finish = (how: TurnFinish) => {
    const skipped = skippedLines();
    if (skipped > 0) {
      options.warn?.(
        `skipped ${skipped} line(s) of session ${request.sid} that were not JSON events`,
      );
    }
    close(() => {
      turn.finish(how, skipped);
      controller.close();
    });
  };
  const fail = ([error, rawFinishReason]: [unknown, string]) =>
    close(() => {
      turn.fail(error, rawFinishReason, skippedLines());
      controller.close();
    });
  /** A failed request or read: an abort errors the stream; a failed continuation keeps the turn. */
  const failed = (error: unknown, failure: () => [unknown, string]) => {
    if (signal?.aborted && !isIdleTimeoutError(error)) {
      close(() => controller.error(abortReason(signal)));
    } else if (beforeContinuation !== undefined && !(error instanceof EventTooLargeError)) {
      const reported = failure()[0];
      const statusCode = APICallError.isInstance(reported) ? reported.statusCode : undefined;
      const message = errorMessage(reported);
      turn.continuationFailed({ ...(statusCode !== undefined ? { statusCode } : {}), message });
      options.warn?.(
        `the continuation of session ${request.sid} failed: ${message}; the answer so far stands`,
      );
      finish(beforeContinuation);
    } else fail(failure());
  };

  /** The turn's events stopped (or its body ended): continue it, or finish. */
  const turnStopped = async () => {
    release();
    if (body.events === 0) {
      const error = notAStreamError(source, { ...body, skippedLines: body.decoder.skippedLines });
      return failed(error, () => [error, 'stream_error']);
    }
    if (turn.end?.type === 'agent-error') {
      return fail([agentStoppedError(source, turn.end.message), 'agent_error']);
    }
    const how = finishOf(turn.end);
    if (!shouldContinue(how, turn.continuations, options)) return finish(how);
    turn.continued();
    beforeContinuation = how;
    try {
      const response = await sendContinuation(options, internal.signal);
      if (closed) return void response.body?.cancel().catch(() => {});
      skippedBefore += body.decoder.skippedLines;
      body = openBody(response, options.maxEventBytes);
    } catch (error) {
      if (!closed) failed(error, () => [error, 'continuation']);
    }
  };

  /** Reads one network chunk and its events; `undefined` when the stream was ended. */
  const readChunk = async () => {
    const { reader } = body;
    if (reader === undefined) return { done: true, events: [] };
    try {
      const result = await withIdleDeadline(
        (deadline) => {
          deadline.addEventListener('abort', release, { once: true });
          return reader.read();
        },
        options.idleTimeoutMs,
        undefined,
        () => idleTimeoutError(options.url, request, options.idleTimeoutMs),
      );
      if (closed) return undefined;
      const decoded = decodeChunk(body.decoder, result.done ? undefined : result.value);
      return { done: result.done, events: Array.isArray(decoded) ? decoded : await decoded };
    } catch (error) {
      if (closed) return undefined;
      failed(error, () =>
        beforeContinuation !== undefined && !isIdleTimeoutError(error)
          ? [brokenContinuationError(source, error), 'stream_error']
          : readError(source, turn.eventCount, error),
      );
      return undefined;
    }
  };

  /** Reads `events` until one ends the turn; `true` when one did. */
  const read = (events: RobocodersEvent[]) => {
    for (const event of events) {
      if (isAgentEvent(event)) {
        body.events++;
        beforeContinuation = undefined;
      } else body.detail ??= detailOfObject(event);
      if (turn.read(event)) return true;
    }
    return false;
  };

  return new ReadableStream<RobocodersPart>(
    {
      start(streamController) {
        controller = streamController;
        turn.start(new Date(options.now()));
      },

      async pull() {
        const before = emitted;
        while (!closed && emitted === before) {
          const chunk = await readChunk();
          if (chunk === undefined || closed) return;
          if (read(chunk.events) || chunk.done) await turnStopped();
          else turn.flush();
        }
      },

      cancel(reason) {
        close(() => internal.abort(reason));
      },
    },
    { highWaterMark: 0 },
  );
}
