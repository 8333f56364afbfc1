import type { CommandRun } from './code-templates.js';

/** The result the environment reports for an action. */
export interface ScriptedObservation {
  observation: string;
  content: string;
  extras: Record<string, unknown>;
  message: string;
}

/** One agent step: an action, what it changes in the workspace, and its observation. */
export interface ScriptedStep {
  action: string;
  args: Record<string, unknown>;
  message: string;
  observation?: ScriptedObservation;
  /** Files written (path → full text) when the step runs. */
  writes?: Record<string, string>;
}

/** Where OpenHands mounts the workspace; paths in messages are shown under it. */
export const WORKSPACE_ROOT = '/workspace';

/** What CodeAct agents preload in the IPython kernel (seen in Robocoders captures). */
const KERNEL_INIT_CODE = 'from agentskills import *';

/** An agent message; the last step of every turn has `waitForResponse: true`. */
export function messageStep(content: string, waitForResponse: boolean): ScriptedStep {
  return {
    action: 'message',
    message: content,
    args: { content, wait_for_response: waitForResponse, extras: {} },
  };
}

/** A delegation to the planner, answered by its plan. */
export function delegateStep(task: string, thought: string, plan: readonly string[]): ScriptedStep {
  const agent = 'TaskPlannerAgent';
  const numbered = plan.map((item, i) => `${i + 1}. ${item}`).join('\n');
  const content = `${agent} finishes task with plan:\n${numbered}`;
  return {
    action: 'delegate',
    message: `I'm asking ${agent} for help with this task.`,
    args: { agent, inputs: { task }, thought },
    observation: {
      observation: 'delegate',
      content,
      message: content,
      extras: { outputs: { plan } },
    },
  };
}

/** A shell command and its output. */
export function runStep(run: CommandRun, thought: string): ScriptedStep {
  const exitCode = run.exitCode ?? 0;
  return {
    action: 'run',
    message: `Running command: ${run.command}`,
    args: { command: run.command, thought, blocking: false, is_input: false, hidden: false },
    observation: {
      observation: 'run',
      content: run.output,
      message: `Command \`${run.command}\` executed with exit code ${exitCode}.`,
      extras: { command: run.command, command_id: -1, exit_code: exitCode, hidden: false },
    },
  };
}

function numberedListing(path: string, text: string, suffix: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const body = lines.map((line, i) => `${i + 1}|${line}`).join('\n');
  return [
    `[File: ${WORKSPACE_ROOT}/${path} (${lines.length} lines total${suffix})]`,
    '(this is the beginning of the file)',
    body,
    '(this is the end of the file)',
  ].join('\n');
}

/** A file created through the IPython agent skills, the way CodeAct writes files. */
export function createFileStep(path: string, text: string, thought: string): ScriptedStep {
  // Triple single quotes: the templates only use double-quoted docstrings.
  const code = [
    `create_file('${path}')`,
    `EDITED_CODE = '''${text.replace(/\\/g, '\\\\')}'''`,
    `insert_content_at_line('${path}', 1, EDITED_CODE)`,
  ].join('\n');
  const content = [
    numberedListing(path, '', ''),
    `[File ${path} created.]`,
    numberedListing(path, text, ' after edit'),
    '[File updated (edited at line 1). Please review the changes and make sure they are correct (correct indentation, no duplicate lines, etc). Edit the file again if necessary.]',
  ].join('\n');
  return {
    action: 'run_ipython',
    message: `Running Python code interactively: ${code}`,
    args: { code, thought, include_extra: true, kernel_init_code: KERNEL_INIT_CODE },
    observation: {
      observation: 'run_ipython',
      content: `${content}\n[Jupyter current working directory: ${WORKSPACE_ROOT}]`,
      message: 'Code executed in IPython cell.',
      extras: { code },
    },
    writes: { [path]: text },
  };
}

/** Reading a file; the observation carries its text. */
export function readStep(path: string, text: string, thought: string): ScriptedStep {
  return {
    action: 'read',
    message: `Reading file: ${path}`,
    args: { path, start: 0, end: -1, thought },
    observation: {
      observation: 'read',
      content: text,
      message: `I read the file ${path}.`,
      extras: { path },
    },
  };
}

/** A `str_replace` edit (OpenHands ACI editor); the observation carries a small diff. */
export function editStep(
  path: string,
  before: string,
  oldStr: string,
  newStr: string,
  thought: string,
): ScriptedStep {
  if (!before.includes(oldStr)) throw new Error(`Edit anchor not found in ${path}`);
  const after = before.replace(oldStr, newStr);
  const diff = [
    `--- ${path}`,
    `+++ ${path}`,
    ...oldStr.split('\n').map((line) => `-${line}`),
    ...newStr.split('\n').map((line) => `+${line}`),
  ].join('\n');
  return {
    action: 'edit',
    message: `Editing file: ${path}`,
    args: {
      path,
      command: 'str_replace',
      old_str: oldStr,
      new_str: newStr,
      file_text: null,
      insert_line: null,
      thought,
    },
    observation: {
      observation: 'edit',
      content: `The file ${WORKSPACE_ROOT}/${path} has been edited.\n${diff}`,
      message: `I edited the file ${path}.`,
      extras: { path, prev_exist: true, old_content: before, new_content: after },
    },
    writes: { [path]: after },
  };
}
