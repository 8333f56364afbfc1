import type { StreamTextTransform, ToolSet } from 'ai';

/**
 * The summaries OpenHands-style agents send for their steps, each matching one whole step. The
 * provider streams every event's summary as answer text (AI SDK 4 has no part for an agent's own
 * actions), so without this the plan, the code it runs and every command would be mixed into the
 * answer. Several events can arrive in one delta (a step, then what the agent says), so each
 * pattern must also tell where its step ends.
 */
const STEP_PATTERNS: readonly RegExp[] = [
  // A file write has a definite end; other Python code runs to the end of the delta.
  /^Running Python code interactively: create_file\('([^']+)'\)\nEDITED_CODE = '''[\s\S]*?'''\ninsert_content_at_line\('\1', 1, EDITED_CODE\)/,
  /^Running Python code interactively: [\s\S]*/,
  /^Running command: [^\n]*/,
  /^Code executed in IPython cell\./,
  /^Command `[^`\n]*` executed with exit code -?\d+\./,
  /^I'm asking \S+ for help with this task\./,
  /^\S+ finishes task with plan:(?:\n\d+\. [^\n]*)*/,
  /^Reading file: [^\n]*/,
  /^I read the file [^\n]*/,
  /^Editing file: [^\n]*/,
  /^I edited the file [^\n]*/,
  /^Agent state changed to [^\n]*/,
];

/** The step summary at the start of `text`, if one starts there and ends at a paragraph end. */
export function leadingStep(text: string): string | undefined {
  for (const pattern of STEP_PATTERNS) {
    const step = pattern.exec(text)?.[0];
    if (step === undefined) continue;
    const rest = text.slice(step.length);
    if (rest === '' || rest.startsWith('\n\n')) return step;
  }
  return undefined;
}

/** Whether one event's text is a step summary rather than something said to the user. */
export function isStepText(text: string): boolean {
  return leadingStep(text) === text;
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
 * reasoning apart with blank lines. Steps are taken from the start of each text delta (the
 * provider starts a new delta at every action and observation); whatever follows them, and
 * text that does not match a known step, stays in the answer unchanged.
 */
export function agentStepsToReasoning<TOOLS extends ToolSet>(): StreamTextTransform<TOOLS> {
  return () => {
    let reasoningSent = false;
    let textSent = false;
    return new TransformStream({
      transform(part, controller) {
        const reason = (text: string) => {
          controller.enqueue({
            type: 'reasoning',
            textDelta: reasoningSent ? `\n\n${text}` : text,
          });
          reasoningSent = true;
        };
        if (part.type === 'reasoning') {
          const delta = part.textDelta.trim();
          if (delta !== '') reason(delta);
          return;
        }
        if (part.type !== 'text-delta') {
          controller.enqueue(part);
          return;
        }
        let rest = part.textDelta;
        let moved = false;
        for (;;) {
          const body = rest.replace(/^\n+/, '');
          const step = leadingStep(body);
          if (step === undefined) break;
          reason(formatStep(step));
          moved = true;
          rest = body.slice(step.length);
        }
        // A separator left behind by a moved step must not start the answer.
        const textDelta = textSent ? rest : rest.replace(/^\n+/, '');
        if (textDelta === '' || (moved && textDelta.trim() === '')) return;
        controller.enqueue({ ...part, textDelta });
        textSent = true;
      },
    });
  };
}
