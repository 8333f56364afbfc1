/**
 * An event of `POST /chat`, in the OpenHands format Robocoders uses. Only the fields the core
 * reads are typed; everything is optional because the wire format is not under our control
 * and events are validated lazily, field by field, instead of with a schema per event.
 */
export interface RobocodersEvent {
  id?: unknown;
  timestamp?: unknown;
  source?: unknown;
  message?: unknown;
  sid?: unknown;
  action?: unknown;
  args?: unknown;
  observation?: unknown;
  content?: unknown;
  extras?: unknown;
  cause?: unknown;
  /** On the events of a function-calling step: the model response, with its `usage`. */
  tool_call_metadata?: unknown;
  /** On agent actions of newer versions: the conversation's accumulated cost and tokens. */
  llm_metrics?: unknown;
}

const MAX_ITERATION_PATTERN = /maximum iteration/i;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The event's `args` when it is an object, else `undefined`. */
export function eventArgs(event: RobocodersEvent): Record<string, unknown> | undefined {
  return isRecord(event.args) ? event.args : undefined;
}

/** The event's `extras` when it is an object, else an empty object. */
export function eventExtras(event: RobocodersEvent): Record<string, unknown> {
  return isRecord(event.extras) ? event.extras : {};
}

/**
 * Events that are not the agent speaking, whatever their `message` says: the user's message
 * echoed back, the environment's events (`source: "environment"`), agent state changes
 * (`change_agent_state` actions, `agent_state_changed` observations), OpenHands' `null`
 * actions and observations ("No action", "No observation"), and the step-budget notice (the
 * pause it announces is reported by the finish reason).
 */
export function isEnvelopeEvent(event: RobocodersEvent): boolean {
  return (
    event.source === 'user' ||
    event.source === 'environment' ||
    event.action === 'change_agent_state' ||
    event.action === 'null' ||
    event.observation === 'agent_state_changed' ||
    event.observation === 'null' ||
    isMaxIterationEvent(event)
  );
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * What a `finish` action says to the user. OpenHands' `AgentFinishAction` carries it in
 * `final_thought` (newer versions), else in `thought` (its `message` is the thought or a stock
 * "All done!" line), and delegates put their answer in `outputs.content`.
 */
export function finishText(event: RobocodersEvent): string | undefined {
  const args = eventArgs(event);
  const outputs = isRecord(args?.outputs) ? args.outputs : undefined;
  return (
    nonEmpty(args?.final_thought) ??
    nonEmpty(args?.thought) ??
    nonEmpty(outputs?.content) ??
    nonEmpty(event.message)
  );
}

/**
 * The text an event contributes to the answer, as the seed client takes it: `args.content`,
 * else the event's `message`; a `finish` action's text is {@link finishText}. Events that are
 * not the agent speaking ({@link isEnvelopeEvent}) and `think` actions (their thought is
 * reasoning) contribute nothing.
 */
export function eventText(event: RobocodersEvent): string | undefined {
  if (isEnvelopeEvent(event) || event.action === 'think') return undefined;
  if (event.action === 'finish') return finishText(event);
  return nonEmpty(eventArgs(event)?.content) ?? nonEmpty(event.message);
}

/**
 * `code` as a Markdown code block. The fence is longer than any run of backticks inside, so
 * code that contains a fence of its own cannot close the block early.
 */
export function codeBlock(code: string, language: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${code.replace(/\n+$/, '')}\n${fence}`;
}

function nonBlank(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * A step action (see `isToolAction` in `agent-actions.ts`) as readable Markdown: the Python code of
 * `run_ipython` and the command of `run` as code blocks, any other step its `message` (a
 * one-line summary), else its text.
 */
export function stepMarkdown(event: RobocodersEvent): string | undefined {
  // The user's and the environment's events are not part of the agent's work (as in eventText).
  if (isEnvelopeEvent(event)) return undefined;
  const args = eventArgs(event);
  const code = event.action === 'run_ipython' ? nonBlank(args?.code) : undefined;
  if (code !== undefined) return codeBlock(code, 'python');
  const command = event.action === 'run' ? nonBlank(args?.command) : undefined;
  if (command !== undefined) return codeBlock(command, 'sh');
  return nonBlank(event.message) ?? eventText(event);
}

/**
 * The agent's `args.thought`, surfaced as reasoning; none for events that are not the agent's,
 * nor for a `finish` whose thought is its answer ({@link finishText}).
 */
export function eventThought(event: RobocodersEvent): string | undefined {
  if (isEnvelopeEvent(event)) return undefined;
  const thought = nonEmpty(eventArgs(event)?.thought);
  if (thought !== undefined && event.action === 'finish' && finishText(event) === thought) {
    return undefined;
  }
  return thought;
}

/** An agent `message` with `wait_for_response: true`: the agent ended its turn. */
export function isWaitEvent(event: RobocodersEvent): boolean {
  return (
    event.action === 'message' &&
    event.source !== 'user' &&
    eventArgs(event)?.wait_for_response === true
  );
}

/** The `agent_state` of an `agent_state_changed` observation, else `undefined`. */
export function agentStateOf(event: RobocodersEvent): string | undefined {
  if (event.observation !== 'agent_state_changed') return undefined;
  const state = eventExtras(event).agent_state;
  return typeof state === 'string' ? state : undefined;
}

/**
 * The `error` observation OpenHands posts when the agent runs out of its step budget ("Agent
 * reached maximum iteration, task paused. Current iteration: ...", or "... in headless mode"),
 * whatever its `source` (versions post it as the user, the environment or the agent).
 */
export function isMaxIterationEvent(event: RobocodersEvent): boolean {
  return (
    event.observation === 'error' &&
    typeof event.content === 'string' &&
    MAX_ITERATION_PATTERN.test(event.content)
  );
}

/** The event id as a number, or `undefined` when missing or not numeric. */
export function eventId(event: RobocodersEvent): number | undefined {
  return typeof event.id === 'number' && Number.isFinite(event.id) ? event.id : undefined;
}

/**
 * Whether a JSON object is shaped like an agent event (an action, an observation or a message
 * of some source), as opposed to an error body such as FastAPI's `{"detail": "..."}`.
 */
export function isAgentEvent(event: RobocodersEvent): boolean {
  return (
    typeof event.action === 'string' ||
    typeof event.observation === 'string' ||
    typeof event.source === 'string' ||
    event.message !== undefined ||
    event.id !== undefined
  );
}
