import { code, type TurnContext } from './agent-context.js';
import { frontEndTurn } from './front-end-agent.js';
import { generalTurn } from './general-coding-agent.js';
import { classifyPrompt, type Intent } from './intents.js';
import { repoTurn } from './repo-agent.js';
import { delegateStep, messageStep, runStep, type ScriptedStep } from './scripted-steps.js';
import type { AgentName } from './types.js';

export type { TurnContext } from './agent-context.js';

/** A planned turn: its steps, the last being a message that waits for the user. */
export interface TurnPlan {
  steps: ScriptedStep[];
  /** Load mode: stream as fast as possible and ignore the step budget. */
  load: boolean;
}

/** Plans the steps of one turn. Deterministic: the same context gives the same plan. */
export function planTurn(context: TurnContext): TurnPlan {
  const intent = classifyPrompt(context.prompt);
  if (intent.kind === 'bench') return { steps: benchSteps(intent.count, intent.bytes), load: true };
  return { steps: planAgentTurn(context, intent), load: false };
}

/** The reply to `continue` when nothing is pending. */
export function nothingPendingSteps(): ScriptedStep[] {
  return [
    messageStep('Nothing is pending — the last task is complete. What should I do next?', true),
  ];
}

function planAgentTurn(context: TurnContext, intent: Exclude<Intent, { kind: 'bench' }>) {
  switch (intent.kind) {
    case 'vague':
      return [messageStep(clarifyingQuestion(context), true)];
    case 'continue':
      return nothingPendingSteps();
    case 'long-task':
      return longTaskSteps(context, intent.steps);
    default:
      if (context.agent === 'FrontEndAgent') return frontEndTurn(context, intent);
      if (context.agent === 'RepoAgent') return repoTurn(context, intent);
      return generalTurn(context, intent);
  }
}

function clarifyingQuestion({ agent, files }: TurnContext): string {
  const existing =
    files.size > 0 ? ` So far this session has ${[...files.keys()].map(code).join(', ')}.` : '';
  const examples: Record<AgentName, string> = {
    GeneralCodingAgent:
      '“write a factorial function in Python” or “build a hello-world HTTP server”',
    FrontEndAgent: '“build a counter component” or “make a login form”',
    RepoAgent: '“add a factorial helper to utils.py” or “add tests for the helpers”',
  };
  return `Happy to help — could you tell me a bit more about what you need?${existing} For example: ${examples[agent]}.`;
}

function benchSteps(count: number, bytes: number): ScriptedStep[] {
  const pattern = 'abcdefghijklmnopqrstuvwxyz ';
  const content = pattern.repeat(Math.ceil(bytes / pattern.length)).slice(0, bytes);
  const steps: ScriptedStep[] = [];
  for (let i = 0; i < count; i += 1) steps.push(messageStep(content, false));
  steps.push(messageStep(`Streamed ${count} messages of ${bytes} characters.`, true));
  return steps;
}

function longTaskSteps(context: TurnContext, count: number): ScriptedStep[] {
  const plan = [`Work through the task in ${count} small steps`, 'Report back'];
  const steps = [delegateStep(context.prompt, 'This is a long task — let me plan it first.', plan)];
  for (let i = 1; i <= count; i += 1) {
    steps.push(
      runStep(
        { command: `echo "step ${i} of ${count}"`, output: `step ${i} of ${count}` },
        `Step ${i} of ${count}.`,
      ),
    );
  }
  steps.push(messageStep(`Done — all ${count} steps of the long task are complete.`, true));
  return steps;
}
