import { isToolAction } from './agent-actions';
import {
  agentStateOf,
  eventArgs,
  eventExtras,
  eventId,
  eventText,
  eventThought,
  isEnvelopeEvent,
  isMaxIterationEvent,
  isWaitEvent,
  type RobocodersEvent,
  stepMarkdown,
} from './robocoders-event';
import type { RobocodersFinishReason, RobocodersPart } from './robocoders-part';

/** What one event yields, in order. Texts and reasoning are joined across events by the caller. */
export type EventOutput =
  | { type: 'raw'; event: RobocodersEvent }
  | { type: 'reasoning'; text: string }
  | { type: 'text'; text: string }
  | Extract<RobocodersPart, { type: 'action' | 'observation' }>;

/** How the turn ends, as an event says it. */
export type TurnEnd =
  /** The agent finished (`stop`) or rejected the task (`other`). */
  | { type: 'finished'; finishReason: RobocodersFinishReason; raw: string }
  /** The agent stopped with an error. */
  | { type: 'agent-error'; message: string }
  /** The agent paused at its step budget. */
  | { type: 'paused' }
  /** The agent waits for the user's answer. */
  | { type: 'waiting' };

/** How one event reads, given what came before it. */
export interface EventReading {
  outputs: EventOutput[];
  /** The event's numeric id, when it has one. */
  eventId?: number;
  /** An action to remember, so the observation answering it is recognised. */
  action?: { id: string; step: boolean; tool: boolean };
  end?: TurnEnd;
  /**
   * The turn ends with this event, so reading stops: the agent waits for the user, paused at
   * its step budget, or ended the task with a `finish` or `reject` action.
   */
  endsTurn: boolean;
}

/** What {@link interpretEvent} needs to know besides the event. */
export interface EventContext {
  /** The event's position among the call's events (from 1): the id of an event without one. */
  position: number;
  /** Ids of the call's actions shown as tool calls. */
  toolActionIds: ReadonlySet<string>;
  /** Ids of the call's step actions ({@link isToolAction}). */
  stepActionIds: ReadonlySet<string>;
  /** The actions the adapter shows as tool calls. */
  toolActions: (action: string) => boolean;
  /** Steps not shown as tool calls go to the reasoning (as Markdown) instead of the text. */
  stepsAsReasoning: boolean;
  includeRawEvents: boolean;
}

function isExitFailure(extras: Record<string, unknown>): boolean {
  const metadata = extras.metadata as Record<string, unknown> | undefined;
  const exitCode = extras.exit_code ?? metadata?.exit_code;
  return typeof exitCode === 'number' && exitCode !== 0;
}

function idOf(value: unknown): string | undefined {
  return typeof value === 'number' || typeof value === 'string' ? String(value) : undefined;
}

function endOfObservation(event: RobocodersEvent, extras: Record<string, unknown>) {
  if (isMaxIterationEvent(event)) return { type: 'paused' } as const;
  switch (agentStateOf(event)) {
    case 'paused':
      return { type: 'paused' } as const;
    case 'finished':
      return { type: 'finished', finishReason: 'stop', raw: 'finished' } as const;
    case 'rejected':
      return { type: 'finished', finishReason: 'other', raw: 'rejected' } as const;
    case 'error': {
      const reason = extras.reason;
      return {
        type: 'agent-error',
        message: typeof reason === 'string' && reason !== '' ? reason : 'no reason given',
      } as const;
    }
    default:
      return undefined;
  }
}

/**
 * The text of a step's event: an observation answering one of the call's step actions is part
 * of that step whatever its `source` (newer OpenHands versions post them as the environment).
 */
function stepText(event: RobocodersEvent): string | undefined {
  if (typeof event.action === 'string' || event.observation === 'null') return eventText(event);
  return typeof event.message === 'string' && event.message !== '' ? event.message : undefined;
}

const TERMINAL_ACTIONS = new Map<string, TurnEnd>([
  ['finish', { type: 'finished', finishReason: 'stop', raw: 'finish' }],
  ['reject', { type: 'finished', finishReason: 'other', raw: 'reject' }],
]);

/**
 * Reads one event of a chat response: the raw event (when asked for), the agent's thought as
 * reasoning, the action or observation part, the event's text (or, for a step with
 * `stepsAsReasoning`, its Markdown as reasoning), how it ends the turn and whether reading
 * must stop. A step shown as a tool call (with its result) adds no text or reasoning.
 * Pure: what it needs of earlier events comes in `context`.
 */
export function interpretEvent(event: RobocodersEvent, context: EventContext): EventReading {
  const reading: EventReading = { outputs: [], eventId: eventId(event), endsTurn: false };
  const { outputs } = reading;
  if (context.includeRawEvents) outputs.push({ type: 'raw', event });
  const thought = eventThought(event);
  if (thought !== undefined) outputs.push({ type: 'reasoning', text: thought });
  let shownAsTool = false;
  let step = false;
  if (typeof event.action === 'string') {
    if (!isEnvelopeEvent(event)) reading.end = TERMINAL_ACTIONS.get(event.action);
    if (event.action !== 'message') {
      const id = idOf(event.id) ?? String(context.position);
      step = isToolAction(event.action);
      shownAsTool = context.toolActions(event.action);
      reading.action = { id, step, tool: shownAsTool };
      outputs.push({ type: 'action', id, action: event.action, args: eventArgs(event) ?? {} });
    }
  } else if (typeof event.observation === 'string') {
    const extras = eventExtras(event);
    const causeId = idOf(event.cause);
    shownAsTool = causeId !== undefined && context.toolActionIds.has(causeId);
    step = causeId !== undefined && context.stepActionIds.has(causeId);
    outputs.push({
      type: 'observation',
      id: idOf(event.id) ?? String(context.position),
      causeId,
      observation: event.observation,
      content: typeof event.content === 'string' ? event.content : '',
      extras,
      isError: event.observation === 'error' || isExitFailure(extras),
    });
    reading.end = endOfObservation(event, extras);
  }
  if (step && context.stepsAsReasoning && !shownAsTool) {
    const markdown = typeof event.action === 'string' ? stepMarkdown(event) : stepText(event);
    if (markdown !== undefined) outputs.push({ type: 'reasoning', text: markdown });
  } else if (!shownAsTool) {
    const text = step ? stepText(event) : eventText(event);
    if (text !== undefined) outputs.push({ type: 'text', text });
  }
  if (isWaitEvent(event)) reading.end = { type: 'waiting' };
  reading.endsTurn =
    reading.end?.type === 'waiting' ||
    reading.end?.type === 'paused' ||
    (reading.end?.type === 'finished' && typeof event.action === 'string');
  return reading;
}
