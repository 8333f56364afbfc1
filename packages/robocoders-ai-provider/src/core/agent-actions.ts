/**
 * The vocabulary of OpenHands actions, in one table. `control` actions talk to the user, end
 * the task or steer the controller; `step` actions do work. The stream mapping (what may become
 * a tool call) and the call warnings (which of a call's tools stand for the agent's own) are
 * both read from it.
 */
const AGENT_ACTIONS = {
  message: 'control',
  finish: 'control',
  reject: 'control',
  think: 'control',
  change_agent_state: 'control',
  null: 'control',
  run: 'step',
  run_ipython: 'step',
  read: 'step',
  write: 'step',
  edit: 'step',
  browse: 'step',
  browse_interactive: 'step',
  delegate: 'step',
  recall: 'step',
  search: 'step',
} as const satisfies Record<string, 'control' | 'step'>;

const kindOf = (action: string): 'control' | 'step' | undefined =>
  Object.hasOwn(AGENT_ACTIONS, action)
    ? AGENT_ACTIONS[action as keyof typeof AGENT_ACTIONS]
    : undefined;

/**
 * Whether an action is a step of work (`run`, `run_ipython`, `edit`, `delegate`, and any action
 * not in the table, since the service may add some) that adapters may show as a
 * provider-executed tool call.
 */
export function isToolAction(action: string): boolean {
  return kindOf(action) !== 'control';
}

/**
 * Whether `name` is one of the steps Robocoders agents are known to take: a call's tool of that
 * name stands for the agent's own tool, not a user-defined one.
 */
export function isKnownAgentTool(name: string): boolean {
  return kindOf(name) === 'step';
}
