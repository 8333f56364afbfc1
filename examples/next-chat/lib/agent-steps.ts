import type { StreamTextTransform, ToolSet } from 'ai';

/**
 * The one-line summaries OpenHands-style agents send for their steps. The provider streams
 * every event's summary as answer text (AI SDK 4 has no part for an agent's own actions), so
 * without this the plan, the code it runs and every command would be mixed into the answer.
 */
const STEP_PATTERNS: readonly RegExp[] = [
  /^Running Python code interactively: /,
  /^Running command: /,
  /^Code executed in IPython cell\.$/,
  /^Command `[\s\S]*` executed with exit code -?\d+\.$/,
  /^I'm asking \S+ for help with this task\.$/,
  /^\S+ finishes task with plan:/,
  /^Reading file: /,
  /^I read the file /,
  /^Editing file: /,
  /^I edited the file /,
  /^Agent state changed to /,
];

/** Whether one event's text is a step summary rather than something said to the user. */
export function isStepText(text: string): boolean {
  return STEP_PATTERNS.some((pattern) => pattern.test(text));
}

function fence(code: string, language: string): string {
  // A fence longer than any backtick run inside keeps the code from closing it early.
  const longestRun = Math.max(2, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const marks = '`'.repeat(longestRun + 1);
  return `${marks}${language}\n${code.replace(/\n+$/, '')}\n${marks}`;
}

const LANGUAGES: Record<string, string> = {
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  tsx: 'typescript',
  html: 'xml',
  css: 'css',
  json: 'json',
  md: 'markdown',
  sh: 'bash',
  yml: 'yaml',
  yaml: 'yaml',
};

function languageOf(path: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  return LANGUAGES[extension] ?? '';
}

/**
 * OpenHands agents write a file by running Python that holds the file's text in a string
 * literal; showing the file itself, highlighted in its own language, is what a person wants.
 */
const WRITE_FILE =
  /^create_file\('([^']+)'\)\nEDITED_CODE = '''([\s\S]*?)'''\ninsert_content_at_line\('\1', 1, EDITED_CODE\)\s*$/;

/** Renders a step summary as Markdown: files, code and commands become code blocks. */
export function formatStep(text: string): string {
  const python = /^Running Python code interactively: ([\s\S]*)$/.exec(text);
  if (python?.[1] !== undefined) {
    const write = WRITE_FILE.exec(python[1]);
    if (write?.[1] !== undefined && write[2] !== undefined) {
      return `Writing \`${write[1]}\`:\n\n${fence(write[2], languageOf(write[1]))}`;
    }
    return `Running Python code:\n\n${fence(python[1], 'python')}`;
  }
  const command = /^Running command: ([\s\S]*)$/.exec(text);
  if (command?.[1] !== undefined) return fence(command[1], 'bash');
  return text;
}

/**
 * A streamText transform that moves the agent's step summaries from the answer into the
 * reasoning (the UI's "Thinking" section), formatted as Markdown, and keeps the parts of the
 * reasoning apart with blank lines. The provider sends each event's text as its own delta;
 * text that does not match a known step, or arrives split, stays in the answer unchanged.
 */
export function agentStepsToReasoning<TOOLS extends ToolSet>(): StreamTextTransform<TOOLS> {
  return () => {
    let reasoningSent = false;
    let textSent = false;
    return new TransformStream({
      transform(part, controller) {
        if (part.type === 'reasoning') {
          const delta = part.textDelta.trim();
          if (delta === '') return;
          controller.enqueue({ ...part, textDelta: reasoningSent ? `\n\n${delta}` : delta });
          reasoningSent = true;
          return;
        }
        if (part.type !== 'text-delta') {
          controller.enqueue(part);
          return;
        }
        const body = part.textDelta.replace(/^\n+/, '');
        if (isStepText(body)) {
          const step = formatStep(body);
          controller.enqueue({
            type: 'reasoning',
            textDelta: reasoningSent ? `\n\n${step}` : step,
          });
          reasoningSent = true;
          return;
        }
        // The separator belonged to a step that moved away: the answer must not start with it.
        const textDelta = textSent ? part.textDelta : body;
        if (textDelta === '') return;
        controller.enqueue({ ...part, textDelta });
        textSent = true;
      },
    });
  };
}
