import { APICallError } from '@ai-sdk/provider';
import { abortReason, sleep } from './abort';
import type { ChatRequestBody } from './chat-request-body';
import { continuationRetryDelay } from './continuation-retry';
import {
  DEFAULT_MAX_EVENT_BYTES,
  decodeChunk,
  EventStreamDecoder,
  EventTooLargeError,
} from './decode-event-stream';
import { errorMessage } from './fetch-function';
import { DEFAULT_IDLE_TIMEOUT_MS, idleTimeoutMessage, watchIdle } from './idle-timer';
import { type EventOutput, interpretEvent, type TurnEnd } from './interpret-event';
import type { RobocodersEvent } from './robocoders-event';
import type {
  RobocodersAgentSteps,
  RobocodersContinuationError,
  RobocodersFinishReason,
  RobocodersMetadata,
  RobocodersPart,
} from './robocoders-part';
import { createUsageAccumulator } from './usage-accumulator';

/** Options of {@link createTurnStream}. */
export interface TurnStreamOptions {
  /** The accepted response of the first chat request. */
  response: Response;
  request: ChatRequestBody;
  url: string;
  maxContinuations: number;
  includeRawEvents: boolean;
  /**
   * The actions an adapter shows as tool calls. Their events, and the observations answering
   * them, add no text, so the answer does not repeat every step. Default: none (every event's
   * text is part of the answer).
   */
  toolActions?: (action: string) => boolean;
  /**
   * Where the text of steps goes: the events of step actions (`isToolAction`) and the
   * observations answering them. With `reasoning` they become reasoning rendered as Markdown
   * (see {@link stepMarkdown}); steps shown as tool calls add nothing either way. Default `text`.
   */
  agentSteps?: RobocodersAgentSteps;
  /** The session was created for this call (its usage figures start at zero). */
  newSession?: boolean;
  /** The call's abort signal. */
  signal: AbortSignal | undefined;
  now: () => number;
  /** Sends the continue prompt on the same session; resolves with the accepted response. */
  continueChat: (signal: AbortSignal) => Promise<Response>;
  /**
   * That long without a byte on any response of the turn (or without the response to a
   * continuation) ends the stream with a non-retryable error; `0` disables. Default 600000.
   */
  idleTimeoutMs?: number;
  /** Longest line or SSE event accepted; default 16 MiB. */
  maxEventBytes?: number;
  /** Waits before retrying a continuation the service did not take; see `continuation-retry`. */
  continuationRetryDelaysMs?: readonly number[];
  /** Reports a fault the stream recovered from or put up with (the logger's warning). */
  warn?: (message: string) => void;
}

type Stop = 'wait' | 'paused' | 'end';

/** How the turn ended before a continuation was tried: a failed one finishes the same way. */
interface Stopped {
  reason: RobocodersFinishReason;
  raw: string;
  awaitingInput: boolean;
}

const STOPPED: Record<'wait' | 'paused', Stopped> = {
  wait: { reason: 'stop', raw: 'awaiting_user_input', awaitingInput: true },
  paused: { reason: 'length', raw: 'max_iterations', awaitingInput: false },
};

/**
 * Reads a chat response (and the continuations it triggers) into {@link RobocodersPart}s in a
 * single stage: bytes are decoded, turned into events and mapped to parts in one `pull`.
 *
 * Texts of consecutive events are joined by a blank line, and so are consecutive reasoning
 * deltas (thoughts, steps); texts completed by the same network read are emitted as one delta. On a wait event or a step-budget pause it cancels the current
 * body at once (the server may keep it open) and, while continuations remain, streams the
 * reply to the continue prompt in place; a `finish` or `reject` action ends it without one.
 * It always ends with exactly one `finish` part; a broken stream puts an `error` part before
 * it, whose error is never retryable (the agent already took the prompt). A continuation that
 * fails before its first event does not fail the call: the turn finishes as it stood, with
 * `continuationError` in the metadata (a 429 or 503 is retried first, see
 * `continuation-retry`). A silent server (`idleTimeoutMs`) and an oversized line
 * (`maxEventBytes`) end it with an error and close the connection. Aborting the call errors
 * the stream with the abort reason; cancelling it closes the upstream connection.
 */
export function createTurnStream(options: TurnStreamOptions): ReadableStream<RobocodersPart> {
  const { request } = options;
  // Lets `cancel()` abort a continuation request that is still waiting for its response.
  const internal = new AbortController();
  const onCallAbort = () => internal.abort(abortReason(options.signal as AbortSignal));
  options.signal?.addEventListener('abort', onCallAbort, { once: true });

  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
  const newDecoder = (contentType: string | null) =>
    new EventStreamDecoder({ contentType, maxEventBytes });
  let reader = options.response.body?.getReader();
  let decoder = newDecoder(options.response.headers.get('content-type'));
  let skippedBefore = 0;
  let continuations = 0;
  let lastEventId: number | null = null;
  let eventCount = 0;
  // Events of the response being read, and its content type: a 200 without a single event (an
  // HTML page from a proxy, an empty body) is a failure, not an empty answer.
  let responseEvents = 0;
  let contentType = options.response.headers.get('content-type');
  let textCount = 0;
  let text = '';
  let reasoningCount = 0;
  let emitted = 0;
  let paused = false;
  let terminal: { reason: RobocodersFinishReason; raw: string } | undefined;
  let agentError: string | undefined;
  // While a continuation's response has no event yet: how the turn stood before it.
  let beforeContinuation: Stopped | undefined;
  let continuationError: RobocodersContinuationError | undefined;
  // Set when the server stayed silent for idleTimeoutMs.
  let idleError: APICallError | undefined;
  let closed = false;
  const toolActions = options.toolActions ?? (() => false);
  // Ids of tool actions of this call, so the observations answering them are recognised.
  const toolActionIds = new Set<string>();
  const stepsAsReasoning = options.agentSteps === 'reasoning';
  // Ids of step actions of this call, for the same reason.
  const stepActionIds = new Set<string>();
  const usage = createUsageAccumulator({ newSession: options.newSession ?? false });

  const emit = (
    controller: ReadableStreamDefaultController<RobocodersPart>,
    part: RobocodersPart,
  ) => {
    emitted++;
    controller.enqueue(part);
  };

  const flushText = (controller: ReadableStreamDefaultController<RobocodersPart>) => {
    if (text === '') return;
    const delta = text;
    text = '';
    emit(controller, { type: 'text-delta', delta });
  };

  const reason = (controller: ReadableStreamDefaultController<RobocodersPart>, delta: string) => {
    flushText(controller);
    emit(controller, {
      type: 'reasoning-delta',
      delta: reasoningCount++ === 0 ? delta : `\n\n${delta}`,
    });
  };

  const release = () => {
    const current = reader;
    reader = undefined;
    current?.cancel().catch(() => {});
  };

  const close = () => {
    closed = true;
    options.signal?.removeEventListener('abort', onCallAbort);
    release();
  };

  const metadata = (awaitingInput: boolean, costUsd: number | undefined): RobocodersMetadata => ({
    sessionId: request.sid,
    agent: request.agent,
    continuations,
    awaitingInput,
    skippedLines: skippedBefore + decoder.skippedLines,
    lastEventId,
    ...(continuationError !== undefined ? { continuationError } : {}),
    ...(costUsd === undefined ? {} : { costUsd }),
  });

  const finish = (
    controller: ReadableStreamDefaultController<RobocodersPart>,
    finishReason: RobocodersFinishReason,
    rawFinishReason: string,
    awaitingInput = false,
  ) => {
    flushText(controller);
    const reported = usage.result();
    const finished = metadata(awaitingInput, reported.costUsd);
    if (finished.skippedLines > 0) {
      options.warn?.(
        `skipped ${finished.skippedLines} line(s) of session ${request.sid} that were not JSON events`,
      );
    }
    emit(controller, {
      type: 'finish',
      finishReason,
      rawFinishReason,
      usage: reported.usage,
      metadata: finished,
    });
    close();
    controller.close();
  };

  const fail = (
    controller: ReadableStreamDefaultController<RobocodersPart>,
    error: unknown,
    rawFinishReason: string,
  ) => {
    flushText(controller);
    emit(controller, { type: 'error', error });
    finish(controller, 'error', rawFinishReason);
  };

  const abort = (controller: ReadableStreamDefaultController<RobocodersPart>, error: unknown) => {
    close();
    controller.error(error);
  };

  const callError = (message: string, cause?: unknown): APICallError =>
    new APICallError({
      message,
      url: options.url,
      requestBodyValues: request,
      cause,
      // The prompt already reached the agent: repeating the call could do the work twice.
      isRetryable: false,
    });

  const output = (
    controller: ReadableStreamDefaultController<RobocodersPart>,
    item: EventOutput,
  ) => {
    switch (item.type) {
      case 'text':
        text += textCount++ === 0 ? item.text : `\n\n${item.text}`;
        break;
      case 'reasoning':
        reason(controller, item.text);
        break;
      default:
        flushText(controller);
        emit(controller, item);
    }
  };

  const endWith = (end: TurnEnd) => {
    if (end.type === 'paused') paused = true;
    else if (end.type === 'terminal') terminal = { reason: end.reason, raw: end.raw };
    else agentError = end.reason;
  };

  const handle = (
    controller: ReadableStreamDefaultController<RobocodersPart>,
    events: RobocodersEvent[],
  ): Stop | undefined => {
    if (events.length > 0) beforeContinuation = undefined;
    for (const event of events) {
      eventCount++;
      responseEvents++;
      usage.add(event);
      const reading = interpretEvent(event, {
        position: eventCount,
        toolActionIds,
        stepActionIds,
        toolActions,
        stepsAsReasoning,
        includeRawEvents: options.includeRawEvents,
      });
      if (reading.eventId !== undefined) lastEventId = reading.eventId;
      if (reading.action?.step) stepActionIds.add(reading.action.id);
      if (reading.action?.tool) toolActionIds.add(reading.action.id);
      for (const item of reading.outputs) output(controller, item);
      if (reading.end !== undefined) endWith(reading.end);
      if (reading.stop !== undefined) return reading.stop;
    }
    return undefined;
  };

  const onIdle = () => {
    idleError = callError(idleTimeoutMessage(options.url, request.sid, idleTimeoutMs));
    release();
    internal.abort(idleError);
  };

  /** The continuation's response; a 429 or 503 is retried after a pause. */
  const sendContinuation = async (): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await watchIdle(options.continueChat(internal.signal), idleTimeoutMs, onIdle);
      } catch (error) {
        const delay = continuationRetryDelay(error, attempt, options.continuationRetryDelaysMs);
        if (delay === undefined || closed || idleError !== undefined) throw error;
        await sleep(delay, internal.signal);
      }
    }
  };

  /** Finishes as the turn stood before a continuation that failed before its first event. */
  const continuationFailed = (
    controller: ReadableStreamDefaultController<RobocodersPart>,
    error: unknown,
  ) => {
    const stopped = beforeContinuation as Stopped;
    const statusCode = APICallError.isInstance(error) ? error.statusCode : undefined;
    continuationError = {
      ...(statusCode !== undefined ? { statusCode } : {}),
      message: errorMessage(error),
    };
    options.warn?.(
      `the continuation of session ${options.request.sid} failed: ${continuationError.message}; ` +
        'the answer so far stands',
    );
    finish(controller, stopped.reason, stopped.raw, stopped.awaitingInput);
  };

  /** Ends the stream after the server stayed silent, or with a stream error. */
  const failRead = (
    controller: ReadableStreamDefaultController<RobocodersPart>,
    error: unknown,
  ) => {
    if (idleError !== undefined) {
      // A continuation that never sent an event failed as a whole; its answer so far stands.
      if (beforeContinuation !== undefined) continuationFailed(controller, idleError);
      else fail(controller, idleError, 'idle_timeout');
    } else if (error instanceof EventTooLargeError) {
      fail(
        controller,
        callError(
          `Robocoders chat stream of session ${request.sid} sent ${error.message} after ` +
            `${eventCount} events; the connection was closed.`,
          error,
        ),
        'event_too_large',
      );
    } else if (beforeContinuation !== undefined) {
      continuationFailed(
        controller,
        callError(
          `Robocoders POST /chat (the continuation) of session ${request.sid} broke before ` +
            `its first event: ${errorMessage(error)}`,
          error,
        ),
      );
    } else {
      fail(
        controller,
        callError(
          `Robocoders chat stream of session ${request.sid} broke after ${eventCount} events: ${errorMessage(error)}`,
          error,
        ),
        'stream_error',
      );
    }
  };

  /** Answers a wait or pause with the continue prompt, or finishes when none is left. */
  const continueOrFinish = async (
    controller: ReadableStreamDefaultController<RobocodersPart>,
    stop: Stop,
  ) => {
    release();
    if (stop === 'end') {
      const end = terminal ?? { reason: 'stop', raw: 'finish' };
      finish(controller, end.reason, end.raw);
      return;
    }
    const stopped = STOPPED[stop];
    if (continuations >= options.maxContinuations) {
      finish(controller, stopped.reason, stopped.raw, stopped.awaitingInput);
      return;
    }
    flushText(controller);
    continuations++;
    paused = false;
    terminal = undefined;
    agentError = undefined;
    beforeContinuation = stopped;
    let response: Response;
    try {
      response = await sendContinuation();
    } catch (error) {
      if (closed) return;
      if (options.signal?.aborted) abort(controller, abortReason(options.signal));
      else continuationFailed(controller, idleError ?? error);
      return;
    }
    if (closed) {
      response.body?.cancel().catch(() => {});
      return;
    }
    skippedBefore += decoder.skippedLines;
    responseEvents = 0;
    contentType = response.headers.get('content-type');
    decoder = newDecoder(contentType);
    reader = response.body?.getReader();
  };

  const atEnd = async (controller: ReadableStreamDefaultController<RobocodersPart>) => {
    if (responseEvents === 0) {
      const skipped = decoder.skippedLines;
      const error = callError(
        `Robocoders POST /chat of session ${request.sid} answered without a single agent event ` +
          `(content-type ${contentType ?? 'none'}, ${skipped} line${skipped === 1 ? '' : 's'} ` +
          'that were not JSON events).',
      );
      if (beforeContinuation !== undefined) continuationFailed(controller, error);
      else fail(controller, error, 'stream_error');
    } else if (paused) await continueOrFinish(controller, 'paused');
    else if (agentError !== undefined) {
      fail(
        controller,
        callError(`Robocoders agent stopped with an error: ${agentError}`),
        'agent_error',
      );
    } else if (terminal !== undefined) finish(controller, terminal.reason, terminal.raw);
    else finish(controller, 'unknown', 'eof');
  };

  return new ReadableStream<RobocodersPart>(
    {
      start(controller) {
        emit(controller, {
          type: 'response-metadata',
          sessionId: request.sid,
          agent: request.agent,
          timestamp: new Date(options.now()),
        });
      },

      async pull(controller) {
        const before = emitted;
        while (!closed && emitted === before) {
          const current = reader;
          let result: ReadableStreamReadResult<Uint8Array>;
          if (current === undefined) {
            result = { done: true, value: undefined };
          } else {
            try {
              result = await watchIdle(current.read(), idleTimeoutMs, onIdle);
            } catch (error) {
              if (closed) return;
              if (options.signal?.aborted) abort(controller, abortReason(options.signal));
              else failRead(controller, error);
              return;
            }
            if (closed) return;
          }
          let events: RobocodersEvent[];
          try {
            if (idleError !== undefined) throw idleError;
            const decoded = decodeChunk(decoder, result.done ? undefined : result.value);
            events = Array.isArray(decoded) ? decoded : await decoded;
          } catch (error) {
            if (!closed) failRead(controller, error);
            return;
          }
          if (closed) return;
          const stop = handle(controller, events);
          if (stop !== undefined) await continueOrFinish(controller, stop);
          else if (result.done) await atEnd(controller);
          else flushText(controller);
        }
      },

      cancel(reason) {
        close();
        internal.abort(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
