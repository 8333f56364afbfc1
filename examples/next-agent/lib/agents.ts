/** An agent the picker offers: its Robocoders name and what a person reads. */
export interface AgentOption {
  id: 'GeneralCodingAgent' | 'RepoAgent' | 'FrontEndAgent';
  label: string;
}

/** The Robocoders agents, in the picker's order; the first is the default. */
export const AGENT_OPTIONS = [
  { id: 'GeneralCodingAgent', label: 'General coding' },
  { id: 'RepoAgent', label: 'Repository' },
  { id: 'FrontEndAgent', label: 'Front-end' },
] as const satisfies readonly AgentOption[];

/** The name of one of the agents in {@link AGENT_OPTIONS}. */
export type AgentId = AgentOption['id'];

export const AGENT_IDS = AGENT_OPTIONS.map((option) => option.id) as [AgentId, ...AgentId[]];

export const DEFAULT_AGENT: AgentId = AGENT_OPTIONS[0].id;

/** Narrows a stored or posted value to an agent name, falling back to the default. */
export function toAgentId(value: unknown): AgentId {
  return AGENT_IDS.find((id) => id === value) ?? DEFAULT_AGENT;
}
