import type { DynamicToolUIPart } from 'ai';

/** Where a step is: the agent is on it, it finished, it failed, or the answer ended first. */
export type StepState = 'running' | 'done' | 'failed' | 'interrupted';

/** What a step row shows as the step's input. */
export interface StepInput {
  /** A short line: the command, the file, the URL, the delegated agent. */
  summary: string;
  /** Code to show highlighted below it, when the step has some. */
  code?: { language: string; text: string };
}

/** The observation that answered a step, as the provider sends it (`RobocodersToolResult`). */
export interface StepOutput {
  text: string;
  exitCode?: number;
}

const LANGUAGES: Record<string, string> = {
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'typescript',
  tsx: 'typescript',
  jsx: 'javascript',
  json: 'json',
  html: 'xml',
  css: 'css',
  md: 'markdown',
  sh: 'bash',
  yml: 'yaml',
  yaml: 'yaml',
};

function languageOf(path: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return LANGUAGES[extension] ?? 'plaintext';
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** How each of the agent's actions is named in a row. */
export const STEP_LABELS: Record<string, string> = {
  run: 'Run',
  run_ipython: 'Python',
  write: 'Write',
  edit: 'Edit',
  read: 'Read',
  browse: 'Browse',
  browse_interactive: 'Browse',
  delegate: 'Delegate',
};

export function stepLabel(toolName: string): string {
  return STEP_LABELS[toolName] ?? toolName;
}

/** The step's input: the command, the Python it runs, the file it writes or edits... */
export function stepInput(toolName: string, input: unknown): StepInput {
  const args = record(input);
  const path = text(args.path);
  switch (toolName) {
    case 'run':
      return { summary: '', code: { language: 'bash', text: text(args.command) } };
    case 'run_ipython':
      return { summary: '', code: { language: 'python', text: text(args.code) } };
    case 'write':
      return { summary: path, code: { language: languageOf(path), text: text(args.content) } };
    case 'edit': {
      const change = [
        ...text(args.old_str)
          .split('\n')
          .filter(Boolean)
          .map((line) => `- ${line}`),
        ...text(args.new_str || args.content)
          .split('\n')
          .filter(Boolean)
          .map((line) => `+ ${line}`),
      ].join('\n');
      return { summary: path, code: change ? { language: 'diff', text: change } : undefined };
    }
    case 'read':
      return { summary: path };
    case 'browse':
    case 'browse_interactive':
      return { summary: text(args.url) || text(args.browser_actions) };
    case 'delegate': {
      const task = text(record(args.inputs).task);
      return { summary: [text(args.agent), task].filter(Boolean).join(': ') };
    }
    default:
      return { summary: Object.keys(args).length > 0 ? JSON.stringify(args) : '' };
  }
}

function observation(value: unknown): StepOutput {
  const result = record(value);
  const exitCode = record(result.extras).exit_code;
  return {
    text: typeof result.content === 'string' ? result.content : JSON.stringify(value, null, 2),
    exitCode: typeof exitCode === 'number' ? exitCode : undefined,
  };
}

/** The observation of a finished step; an error's text is the observation the agent got. */
export function stepOutput(part: DynamicToolUIPart): StepOutput | undefined {
  if (part.state === 'output-available') return observation(part.output);
  if (part.state === 'output-error') {
    try {
      return observation(JSON.parse(part.errorText));
    } catch {
      return { text: part.errorText };
    }
  }
  return undefined;
}

/** The row's state; `answering` says whether the answer holding the step still streams. */
export function stepState(part: DynamicToolUIPart, answering: boolean): StepState {
  if (part.state === 'output-error' || part.state === 'output-denied') return 'failed';
  if (part.state === 'output-available') {
    const { exitCode } = observation(part.output);
    return exitCode !== undefined && exitCode !== 0 ? 'failed' : 'done';
  }
  return answering ? 'running' : 'interrupted';
}

/** Outputs longer than this many lines (or characters) start collapsed. */
export const LONG_OUTPUT = { lines: 12, characters: 1200 } as const;

export function isLongOutput(output: string): boolean {
  return output.split('\n').length > LONG_OUTPUT.lines || output.length > LONG_OUTPUT.characters;
}

/** A Markdown code fence around `code`, longer than any backtick run inside it. */
export function fenced(code: string, language: string): string {
  const longestRun = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${code}\n${fence}`;
}
