import { APICallError } from '@ai-sdk/provider';
import { abortReason } from './abort';
import type { ChatRequestBody } from './chat-request-body';
import { createEventStreamDecoder, type EventStreamDecoder } from './decode-event-stream';
import { errorMessage } from './fetch-function';
import { type EventOutput, interpretEvent, type TurnEnd } from './interpret-event';
import type { RobocodersEvent } from './robocoders-event';
import type {
  RobocodersAgentSteps,
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
}

type Stop = 'wait' | 'paused';

/**
 * Reads a chat response (and the continuations it triggers) into {@link RobocodersPart}s in a
 * single stage: bytes are decoded, turned into events and mapped to parts in one `pull`.
 *
 * Texts of consecutive events are joined by a blank line, and so are consecutive reasoning
 * deltas (thoughts, steps); texts completed by the same network read are emitted as one delta. On a wait event or a step-budget pause it cancels the current
 * body at once (the server may keep it open) and, while continuations remain, streams the
 * reply to the continue prompt in place. It always ends with exactly one `finish` part; a
 * broken stream or failed continuation puts an `error` part before it. Aborting the call
 * errors the stream with the abort reason; cancelling it closes the upstream connection.
 */
export function createTurnStream(options: TurnStreamOptions): ReadableStream<RobocodersPart> {
  const { request } = options;
  // Lets `cancel()` abort a continuation request that is still waiting for its response.
  const internal = new AbortController();
  const onCallAbort = () => internal.abort(abortReason(options.signal as AbortSignal));
  options.signal?.addEventListener('abort', onCallAbort, { once: true });

  let reader = options.response.body?.getReader();
  // Created when the first bytes are read: an SSE decoder loads its parser then.
  let decoder: EventStreamDecoder | undefined;
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
    skippedLines: skippedBefore + (decoder?.skippedLines ?? 0),
    lastEventId,
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
    emit(controller, {
      type: 'finish',
      finishReason,
      rawFinishReason,
      usage: reported.usage,
      metadata: metadata(awaitingInput, reported.costUsd),
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

  const callError = (message: string, cause?: unknown) =>
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

  /** Answers a wait or pause with the continue prompt, or finishes when none is left. */
  const continueOrFinish = async (
    controller: ReadableStreamDefaultController<RobocodersPart>,
    stop: Stop,
  ) => {
    release();
    if (continuations >= options.maxContinuations) {
      if (stop === 'wait') finish(controller, 'stop', 'awaiting_user_input', true);
      else finish(controller, 'length', 'max_iterations');
      return;
    }
    flushText(controller);
    continuations++;
    paused = false;
    terminal = undefined;
    agentError = undefined;
    let response: Response;
    try {
      response = await options.continueChat(internal.signal);
    } catch (error) {
      if (closed) return;
      if (options.signal?.aborted) abort(controller, error);
      else fail(controller, error, 'continuation_failed');
      return;
    }
    if (closed) {
      response.body?.cancel().catch(() => {});
      return;
    }
    skippedBefore += decoder?.skippedLines ?? 0;
    responseEvents = 0;
    contentType = response.headers.get('content-type');
    decoder = undefined;
    reader = response.body?.getReader();
  };

  const atEnd = async (controller: ReadableStreamDefaultController<RobocodersPart>) => {
    if (responseEvents === 0) {
      const skipped = decoder?.skippedLines ?? 0;
      fail(
        controller,
        callError(
          `Robocoders POST /chat of session ${request.sid} answered without a single agent event ` +
            `(content-type ${contentType ?? 'none'}, ${skipped} line${skipped === 1 ? '' : 's'} ` +
            'that were not JSON events).',
        ),
        continuations > 0 ? 'continuation_failed' : 'stream_error',
      );
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
              result = await current.read();
            } catch (error) {
              if (closed) return;
              if (options.signal?.aborted) abort(controller, abortReason(options.signal));
              else {
                fail(
                  controller,
                  callError(
                    `Robocoders chat stream of session ${request.sid} broke after ${eventCount} events: ${errorMessage(error)}`,
                    error,
                  ),
                  'stream_error',
                );
              }
              return;
            }
            if (closed) return;
          }
          decoder ??= await createEventStreamDecoder(contentType);
          if (closed) return;
          if (result.done) {
            const stop = handle(controller, decoder.end());
            if (stop !== undefined) await continueOrFinish(controller, stop);
            else await atEnd(controller);
            continue;
          }
          const stop = handle(controller, decoder.push(result.value));
          if (stop !== undefined) await continueOrFinish(controller, stop);
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
