import type { EventStreamWriter } from './event-stream-writer.js';
import {
  agentStateChanged,
  type EnvelopeEvent,
  meterInput,
  nullObservation,
  sessionOpening,
  stepUsage,
} from './openhands-envelope.js';
import type { ScriptedObservation, ScriptedStep } from './scripted-steps.js';
import type { Session, SessionStore } from './session-store.js';
import type {
  RobocodersActionEvent,
  RobocodersEvent,
  RobocodersObservationEvent,
} from './types.js';

/** How a turn ended. */
export type TurnOutcome = 'waiting' | 'paused' | 'stopped';

export interface TurnSettings {
  stepBudget: number;
  observations: boolean;
  /** Load mode: no budget, and no usage fields (they would dwarf the benchmark's events). */
  load: boolean;
  /** Stream the user echo, state changes and null observations too. */
  envelope: boolean;
  /** Announce a step-budget pause with the error observation only (no `paused` state change). */
  pauseErrorOnly: boolean;
}

/** The OpenHands reminder appended to the maximum-iteration error. */
const TRAFFIC_CONTROL_REMINDER =
  "Please click on resume button if you'd like to continue, or start a new task.";

let lastMicros = 0;

/**
 * ISO-8601 with microseconds and no zone, as Python's `datetime.isoformat()` prints it; strictly
 * increasing, so events emitted within one millisecond still sort in order.
 */
export function pythonTimestamp(): string {
  const micros = Math.max(Date.now() * 1000, lastMicros + 1);
  lastMicros = micros;
  const date = new Date(Math.floor(micros / 1000));
  return `${date.toISOString().slice(0, 19)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/**
 * Streams a planned turn the way an OpenHands controller runs it: each step is an action (and
 * its observation), workspace writes happen as the action runs, and when the step budget is used
 * up the rest is kept on the session for the next prompt. Events the capture shows Robocoders
 * does not stream (the user's message, state changes) still take an id, so ids jump like on the
 * wire.
 */
export async function runTurn(
  session: Session,
  store: SessionStore,
  prompt: string,
  steps: readonly ScriptedStep[],
  writer: EventStreamWriter,
  settings: TurnSettings,
): Promise<TurnOutcome> {
  const emit = (event: RobocodersEvent, stream: boolean) => {
    store.recordEvent(session, event);
    return stream ? writer.send(event) : Promise.resolve(!writer.closed);
  };
  const { envelope } = settings;
  const stateChange = (state: string) =>
    fromEnvelope(session, agentStateChanged(state), undefined, envelope ? 'environment' : 'agent');
  if (envelope && session.nextId === 0) {
    for (const event of sessionOpening()) await emit(fromEnvelope(session, event), true);
  }
  const userMessage = action(session, 'user', prompt, 'message', userMessageArgs(prompt));
  await emit(userMessage, envelope);
  if (!settings.load) meterInput(session, prompt);
  if (envelope) await emit(fromEnvelope(session, nullObservation(), userMessage.id), true);
  await emit(stateChange('running'), envelope);

  let used = 0;
  for (const [index, step] of steps.entries()) {
    if (!settings.load && used >= settings.stepBudget) {
      session.pending = steps.slice(index);
      const content = `Agent reached maximum iteration, task paused. Current iteration: ${used}, max iteration: ${settings.stepBudget}. ${TRAFFIC_CONTROL_REMINDER}`;
      await emit(
        observation(session, { observation: 'error', content, message: content, extras: {} }),
        true,
      );
      await emit(stateChange('paused'), !settings.pauseErrorOnly);
      return 'paused';
    }
    if (writer.closed) return 'stopped';
    for (const [path, text] of Object.entries(step.writes ?? {})) session.files.set(path, text);
    const usage = settings.load ? undefined : stepUsage(session, step);
    const actionEvent = {
      ...action(session, 'agent', step.message, step.action, step.args),
      ...usage?.action,
    };
    used += 1;
    if (!(await emit(actionEvent, true))) return 'stopped';
    if (step.observation) {
      const result = {
        ...observation(session, step.observation, actionEvent.id),
        ...usage?.observation,
      };
      if (!(await emit(result, settings.observations))) return 'stopped';
    }
  }
  await emit(stateChange('awaiting_user_input'), envelope);
  return 'waiting';
}

function userMessageArgs(prompt: string): Record<string, unknown> {
  return { content: prompt, image_urls: null, wait_for_response: false };
}

function action(
  session: Session,
  source: 'agent' | 'user',
  message: string,
  name: string,
  args: Record<string, unknown>,
): RobocodersActionEvent {
  return {
    id: session.nextId++,
    timestamp: pythonTimestamp(),
    source,
    message,
    action: name,
    args,
    sid: session.sid,
  };
}

function observation(
  session: Session,
  result: ScriptedObservation,
  cause?: number,
): RobocodersObservationEvent {
  return {
    id: session.nextId++,
    timestamp: pythonTimestamp(),
    source: 'agent',
    message: result.message,
    ...(cause === undefined ? {} : { cause }),
    observation: result.observation,
    content: result.content,
    extras: result.extras,
    sid: session.sid,
  };
}

/** An environment event with its id; `source` overrides the envelope's own. */
function fromEnvelope(
  session: Session,
  event: EnvelopeEvent,
  cause?: number,
  source: RobocodersEvent['source'] = event.source,
): RobocodersEvent {
  if (event.kind === 'action') {
    return { ...action(session, 'agent', event.message, event.action, event.args), source };
  }
  return { ...observation(session, event, event.causedByPrompt ? cause : undefined), source };
}
