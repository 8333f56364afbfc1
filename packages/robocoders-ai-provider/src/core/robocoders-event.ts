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
 * The text an event contributes to the answer, as the seed client takes it: `args.content`,
 * else the event's `message`. Events echoed from the user and agent state changes (control
 * events whose message is only "Agent state changed to ...") contribute nothing.
 */
export function eventText(event: RobocodersEvent): string | undefined {
  if (event.source === 'user' || event.observation === 'agent_state_changed') return undefined;
  const content = eventArgs(event)?.content;
  if (typeof content === 'string' && content !== '') return content;
  return typeof event.message === 'string' && event.message !== '' ? event.message : undefined;
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
  // Echoes of the user's own events are not part of the agent's work (as in eventText).
  if (event.source === 'user') return undefined;
  const args = eventArgs(event);
  const code = event.action === 'run_ipython' ? nonBlank(args?.code) : undefined;
  if (code !== undefined) return codeBlock(code, 'python');
  const command = event.action === 'run' ? nonBlank(args?.command) : undefined;
  if (command !== undefined) return codeBlock(command, 'sh');
  return nonBlank(event.message) ?? eventText(event);
}

/** The agent's `args.thought`, surfaced as reasoning. */
export function eventThought(event: RobocodersEvent): string | undefined {
  const thought = eventArgs(event)?.thought;
  return typeof thought === 'string' && thought !== '' ? thought : undefined;
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

/** The `error` observation OpenHands posts when the agent runs out of its step budget. */
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
