import { type EventOutput, interpretEvent, type TurnEnd } from './interpret-event';
import type { RobocodersEvent } from './robocoders-event';
import type {
  RobocodersContinuationError,
  RobocodersFinishReason,
  RobocodersPart,
  RobocodersStepText,
} from './robocoders-part';
import { createUsageAccumulator } from './usage-accumulator';

/** How a turn finishes: the `finish` part's reasons, and whether the agent waits for the user. */
export interface TurnFinish {
  finishReason: RobocodersFinishReason;
  rawFinishReason: string;
  awaitingInput: boolean;
}

/** The finish of a turn that ended without a word on how (the body ended). */
export const UNKNOWN_FINISH: TurnFinish = {
  finishReason: 'unknown',
  rawFinishReason: 'eof',
  awaitingInput: false,
};

/** The finish of a turn the agent left waiting for the user's answer. */
export const WAITING_FINISH: TurnFinish = {
  finishReason: 'stop',
  rawFinishReason: 'awaiting_user_input',
  awaitingInput: true,
};

/** The finish of a turn the agent paused at its step budget. */
export const PAUSED_FINISH: TurnFinish = {
  finishReason: 'length',
  rawFinishReason: 'max_iterations',
  awaitingInput: false,
};

/** The finish a {@link TurnEnd} stands for (an agent error is reported apart, see the loop). */
export function finishOf(end: TurnEnd | undefined): TurnFinish {
  switch (end?.type) {
    case 'waiting':
      return WAITING_FINISH;
    case 'paused':
      return PAUSED_FINISH;
    case 'finished':
      return { finishReason: end.finishReason, rawFinishReason: end.raw, awaitingInput: false };
    default:
      return UNKNOWN_FINISH;
  }
}

/** What a {@link TurnTranslator} needs besides the events. */
export interface TurnTranslatorOptions {
  sessionId: string;
  agent: string;
  /** The actions an adapter shows as tool calls: their text is not in the answer. */
  toolActions: (action: string) => boolean;
  /** Where the text of steps goes (see {@link RobocodersStepText}). */
  agentSteps: RobocodersStepText;
  includeRawEvents: boolean;
  /** The session was created for this call (its usage figures start at zero). */
  newSession: boolean;
  /** Receives the turn's parts, in order. */
  emit: (part: RobocodersPart) => void;
}

/**
 * A turn's state, turning events into {@link RobocodersPart}s through `emit`: no reader, timer
 * or promise. Text and reasoning come as blocks (`*-start`, deltas, `*-end`); the texts of
 * consecutive events in one block are joined by a blank line, and no block starts with one.
 * A block ends where a part of another kind starts (the other block kind, a tool call or result,
 * an error, the finish). Texts read by one {@link read} batch are buffered and sent as one delta
 * at {@link flush}.
 */
export class TurnTranslator {
  private readonly options: TurnTranslatorOptions;
  private readonly usage: ReturnType<typeof createUsageAccumulator>;
  // Ids of the call's actions shown as tool calls and of its step actions, so the observations
  // answering them are recognised.
  private readonly toolActionIds = new Set<string>();
  private readonly stepActionIds = new Set<string>();
  private block: { type: 'text' | 'reasoning'; id: string; empty: boolean } | undefined;
  private blocks = 0;
  private pendingText = '';
  private events = 0;
  private lastEventId: number | null = null;
  private continuationError: RobocodersContinuationError | undefined;
  /** How the events said the turn ends, since the last continuation. */
  end: TurnEnd | undefined;
  /** Continuations sent so far. */
  continuations = 0;

  constructor(options: TurnTranslatorOptions) {
    this.options = options;
    this.usage = createUsageAccumulator({ newSession: options.newSession });
  }

  /** The call's events so far. */
  get eventCount(): number {
    return this.events;
  }

  /** The first part of the turn. */
  start(timestamp: Date): void {
    const { sessionId, agent } = this.options;
    this.options.emit({ type: 'response-metadata', sessionId, agent, timestamp });
  }

  /** Reads one event; `true` when the turn ends with it (reading must stop). */
  read(event: RobocodersEvent): boolean {
    this.events++;
    this.usage.add(event);
    const reading = interpretEvent(event, {
      position: this.events,
      toolActionIds: this.toolActionIds,
      stepActionIds: this.stepActionIds,
      toolActions: this.options.toolActions,
      stepsAsReasoning: this.options.agentSteps === 'reasoning',
      includeRawEvents: this.options.includeRawEvents,
    });
    if (reading.eventId !== undefined) this.lastEventId = reading.eventId;
    if (reading.action?.step) this.stepActionIds.add(reading.action.id);
    if (reading.action?.tool) this.toolActionIds.add(reading.action.id);
    for (const item of reading.outputs) this.put(item, reading.action?.tool === true);
    // An agent error stands until the body ends: a later state change does not make the turn a
    // success; only an event that ends the turn at once (a wait, a pause, `finish`) replaces it.
    if (reading.end !== undefined && (reading.endsTurn || this.end?.type !== 'agent-error')) {
      this.end = reading.end;
    }
    return reading.endsTurn;
  }

  /** Sends the text read since the last flush as one delta. */
  flush(): void {
    if (this.pendingText === '') return;
    const delta = this.pendingText;
    this.pendingText = '';
    this.delta('text', delta);
  }

  /** A continuation was sent: how the turn ends is for its events to say. */
  continued(): void {
    this.flush();
    this.continuations++;
    this.end = undefined;
  }

  /** A continuation failed before its first event: the answer so far stands. */
  continuationFailed(error: RobocodersContinuationError): void {
    this.continuationError = error;
  }

  /** Ends the turn with an `error` part and the `error` finish. */
  fail(error: unknown, rawFinishReason: string, skippedLines: number): void {
    this.closeBlock();
    this.options.emit({ type: 'error', error });
    this.finish({ finishReason: 'error', rawFinishReason, awaitingInput: false }, skippedLines);
  }

  /** Ends the turn with its `finish` part (the call's usage and metadata). */
  finish(finish: TurnFinish, skippedLines: number): void {
    this.closeBlock();
    const { usage, costUsd } = this.usage.result();
    this.options.emit({
      type: 'finish',
      finishReason: finish.finishReason,
      rawFinishReason: finish.rawFinishReason,
      usage,
      metadata: {
        sessionId: this.options.sessionId,
        agent: this.options.agent,
        continuations: this.continuations,
        awaitingInput: finish.awaitingInput,
        skippedLines,
        lastEventId: this.lastEventId,
        ...(this.continuationError !== undefined
          ? { continuationError: this.continuationError }
          : {}),
        ...(costUsd === undefined ? {} : { costUsd }),
      },
    });
  }

  private put(item: EventOutput, shownAsTool: boolean): void {
    switch (item.type) {
      case 'text':
        if (this.block?.type === 'reasoning') this.closeBlock();
        this.pendingText =
          this.pendingText === '' ? item.text : `${this.pendingText}\n\n${item.text}`;
        break;
      case 'reasoning':
        this.flush();
        this.delta('reasoning', item.text);
        break;
      case 'raw':
        this.flush();
        this.options.emit(item);
        break;
      default: {
        this.flush();
        // A part shown as a tool call (or its result) stands between blocks.
        const answersTool =
          item.type === 'observation' &&
          item.causeId !== undefined &&
          this.toolActionIds.has(item.causeId);
        if (shownAsTool || answersTool) this.closeBlock();
        this.options.emit(item);
      }
    }
  }

  private open(type: 'text' | 'reasoning'): void {
    if (this.block?.type === type) return;
    this.closeBlock();
    this.block = { type, id: `${type}-${this.blocks++}`, empty: true };
    this.options.emit({ type: `${type}-start`, id: this.block.id });
  }

  private delta(type: 'text' | 'reasoning', text: string): void {
    this.open(type);
    const block = this.block as NonNullable<TurnTranslator['block']>;
    const delta = block.empty ? text : `\n\n${text}`;
    block.empty = false;
    this.options.emit({ type: `${type}-delta`, id: block.id, delta });
  }

  private closeBlock(): void {
    this.flush();
    if (this.block === undefined) return;
    this.options.emit({ type: `${this.block.type}-end`, id: this.block.id });
    this.block = undefined;
  }
}
