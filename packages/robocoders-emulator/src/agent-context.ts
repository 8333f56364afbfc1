import type { CommandRun } from './code-templates.js';
import type { Intent } from './intents.js';
import { runStep, type ScriptedStep } from './scripted-steps.js';
import type { AgentName } from './types.js';

/** What a scripted agent knows when it plans a turn. */
export interface TurnContext {
  agent: AgentName;
  prompt: string;
  /** The workspace as it will be when the turn starts (path → text, in creation order). */
  files: ReadonlyMap<string, string>;
  /** Prompts received on the session before this one. */
  previousPrompts: number;
}

/** The requests that make an agent work (rather than ask, resume or benchmark). */
export type WorkIntent = Extract<Intent, { kind: 'tests' | 'run' | 'create' }>;

/** A path as inline code in a message. */
export function code(path: string): string {
  return `\`${path}\``;
}

/** A fenced block in a message. */
export function fence(text: string): string {
  return `\`\`\`\n${text}\n\`\`\``;
}

export function noCodeYet(what: 'run' | 'test'): string {
  return `There is no code in this session yet, so there is nothing to ${what} — what should I write first?`;
}

/** Shell steps for a list of commands; only the first carries a thought. */
export function runSteps(runs: readonly CommandRun[], thought: string): ScriptedStep[] {
  return runs.map((run, i) => runStep(run, i === 0 ? thought : ''));
}
