/** The Robocoders agents the picker offers, in the order shown. */
export const AGENTS = ['GeneralCodingAgent', 'RepoAgent', 'FrontEndAgent'] as const;

/** One of the agents in {@link AGENTS}. */
export type Agent = (typeof AGENTS)[number];

/** Names a person reads in the picker. */
export const AGENT_LABELS: Record<Agent, string> = {
  GeneralCodingAgent: 'General coding',
  RepoAgent: 'Repo',
  FrontEndAgent: 'Front-end',
};

/** The agent a new chat starts with. */
export const DEFAULT_AGENT: Agent = 'GeneralCodingAgent';
