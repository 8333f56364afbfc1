import {
  type CommandRun,
  type ProgramTemplate,
  programFor,
  programForFile,
  pytestOutput,
} from './code-templates.js';
import { type ComponentTemplate, componentFor, componentForFile } from './component-templates.js';
import { classifyPrompt, type Intent } from './intents.js';
import {
  knownRepoFunctions,
  repoFunctionFor,
  STARTER_FILES,
  STARTER_REPO_URL,
} from './repo-templates.js';
import {
  createFileStep,
  delegateStep,
  editStep,
  messageStep,
  readStep,
  runStep,
  type ScriptedStep,
} from './scripted-steps.js';
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

type WorkIntent = Extract<Intent, { kind: 'tests' | 'run' | 'create' }>;

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

function code(path: string): string {
  return `\`${path}\``;
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

/** Source files (not tests) the session holds, newest last. */
function programsIn(files: ReadonlyMap<string, string>): ProgramTemplate[] {
  const programs: ProgramTemplate[] = [];
  for (const [path, text] of files) {
    const program = programForFile(path, text);
    if (program) programs.push(program);
  }
  return programs;
}

function componentsIn(files: ReadonlyMap<string, string>): ComponentTemplate[] {
  const components: ComponentTemplate[] = [];
  for (const [path, text] of files) {
    const component = componentForFile(path, text);
    if (component) components.push(component);
  }
  return components;
}

function runSteps(runs: readonly CommandRun[], thought: string): ScriptedStep[] {
  return runs.map((run, i) => runStep(run, i === 0 ? thought : ''));
}

// --- GeneralCodingAgent -------------------------------------------------------------------------

function generalTurn(context: TurnContext, intent: WorkIntent): ScriptedStep[] {
  const { files } = context;
  if (intent.kind === 'tests') return generalTests(context);
  if (intent.kind === 'run') {
    const program = programsIn(files).at(-1);
    if (!program) return [messageStep(noCodeYet('run'), true)];
    return [
      ...runSteps(program.runs, `Running ${code(program.path)} as it is in the workspace.`),
      messageStep(
        `It runs — ${code(program.path)} printed:\n\n${fence(lastOutput(program))}`,
        true,
      ),
    ];
  }
  const program = programFor(intent.topic, {
    javascript: intent.javascript,
    task: context.prompt,
    path: genericPath(context),
  });
  const exists = files.get(program.path) === program.source;
  if (exists && intent.withTests) return generalTests(context, [program]);
  const plan = [
    `Create ${code(program.path)} with ${program.summary}`,
    'Run it to check the output',
    ...(intent.withTests ? [`Add tests in ${code(program.test.path)} and run them`] : []),
    'Summarise the result for the user',
  ];
  const steps = [
    delegateStep(
      context.prompt,
      'Let me break this down into steps before writing any code.',
      plan,
    ),
    createFileStep(
      program.path,
      program.source,
      exists
        ? `${code(program.path)} already exists — I'll rewrite it cleanly so it matches the request.`
        : `I'll create ${code(program.path)} with ${program.summary}.`,
    ),
    ...runSteps(program.runs, `Let me run ${code(program.path)} to make sure it works.`),
  ];
  if (intent.withTests) steps.push(...testSteps(program));
  steps.push(
    messageStep(
      `Done — I created ${code(program.path)} with ${program.summary}. Running it prints:\n\n${fence(lastOutput(program))}\n\n${
        intent.withTests
          ? `The tests in ${code(program.test.path)} pass (${program.test.count} passed).`
          : 'Want me to add tests next?'
      }`,
      true,
    ),
  );
  return steps;
}

function generalTests(context: TurnContext, only?: ProgramTemplate[]): ScriptedStep[] {
  const programs = only ?? programsIn(context.files);
  if (programs.length === 0) return [messageStep(noCodeYet('test'), true)];
  const missing = programs.filter((p) => !context.files.has(p.test.path));
  const steps: ScriptedStep[] = [];
  for (const program of missing) steps.push(...testSteps(program));
  if (missing.length === 0) {
    for (const program of programs) {
      steps.push(runStep(program.test.run, `Re-running the tests of ${code(program.path)}.`));
    }
  }
  const written = missing.map((p) => code(p.test.path));
  const total = programs.reduce((sum, p) => sum + p.test.count, 0);
  const summary =
    written.length > 0
      ? `I added ${written.join(' and ')} covering ${programs.map((p) => code(p.path)).join(', ')}`
      : 'The tests were already in place, so I re-ran them';
  steps.push(messageStep(`${summary} — ${total} tests, all passing. Anything else?`, true));
  return steps;
}

function testSteps(program: ProgramTemplate): ScriptedStep[] {
  return [
    createFileStep(
      program.test.path,
      program.test.source,
      `Now the tests: ${code(program.test.path)} covers ${code(program.path)}, edge cases included.`,
    ),
    runStep(program.test.run, 'Running the new tests.'),
  ];
}

function genericPath(context: TurnContext): string {
  return context.files.has('main.py') ? `task_${context.previousPrompts + 1}.py` : 'main.py';
}

function lastOutput(program: ProgramTemplate): string {
  return program.runs.at(-1)?.output ?? '';
}

function fence(text: string): string {
  return `\`\`\`\n${text}\n\`\`\``;
}

function noCodeYet(what: 'run' | 'test'): string {
  return `There is no code in this session yet, so there is nothing to ${what} — what should I write first?`;
}

// --- FrontEndAgent ------------------------------------------------------------------------------

function frontEndTurn(context: TurnContext, intent: WorkIntent): ScriptedStep[] {
  const components = componentsIn(context.files);
  if (intent.kind === 'run') {
    if (components.length === 0) return [messageStep(noCodeYet('run'), true)];
    const run = {
      command: 'npm run build',
      output: `vite v5.4.11 building for production...\n✓ ${components.length + 2} modules transformed.\n✓ built in 812ms`,
    };
    return [
      runStep(run, 'Building the app to check that the components compile.'),
      messageStep('The build succeeds — the components compile cleanly.', true),
    ];
  }
  if (intent.kind === 'tests') {
    if (components.length === 0) return [messageStep(noCodeYet('test'), true)];
    const missing = components.filter((c) => !context.files.has(c.test.path));
    const targets = missing.length > 0 ? missing : components;
    const steps = targets.flatMap((c) => componentTestSteps(c, missing.length > 0));
    steps.push(
      messageStep(
        `Tests are in place for ${targets.map((c) => code(c.name)).join(', ')} — all passing.`,
        true,
      ),
    );
    return steps;
  }
  const component = componentFor(context.prompt);
  const listing = components.length > 0 ? components.map((c) => c.path).join('\n') : '';
  const steps = [
    runStep(
      {
        command: 'ls src/components 2>/dev/null || echo "(no components yet)"',
        output: listing ? listing.replaceAll('src/components/', '') : '(no components yet)',
      },
      `Plan: look at the existing components, write ${code(component.name)} as a typed function component, type-check it${
        intent.withTests ? ', add tests' : ''
      }, then explain how to use it.`,
    ),
    createFileStep(
      component.path,
      component.source,
      `Writing ${code(component.path)} — ${component.summary}, accessible by default.`,
    ),
    runStep(
      { command: `npx tsc --noEmit --jsx react-jsx ${component.path}`, output: '' },
      'Type-checking the new component.',
    ),
  ];
  if (intent.withTests) steps.push(...componentTestSteps(component, true));
  steps.push(
    messageStep(
      `Done — ${code(component.path)} is ${component.summary}. Use it like this:\n\n\`\`\`tsx\nimport { ${component.name} } from './components/${component.name}';\n\n${component.usage}\n\`\`\``,
      true,
    ),
  );
  return steps;
}

function componentTestSteps(component: ComponentTemplate, write: boolean): ScriptedStep[] {
  const steps: ScriptedStep[] = [];
  if (write) {
    steps.push(
      createFileStep(
        component.test.path,
        component.test.source,
        `Adding ${code(component.test.path)} with Testing Library.`,
      ),
    );
  }
  steps.push(runStep(component.test.run, `Running the ${component.name} tests.`));
  return steps;
}

// --- RepoAgent ----------------------------------------------------------------------------------

function repoTurn(context: TurnContext, intent: WorkIntent): ScriptedStep[] {
  const files = new Map(context.files);
  const steps: ScriptedStep[] = [checkoutStep(files)];
  const utils = files.get('utils.py') ?? '';
  const tests = files.get('test_utils.py') ?? '';

  if (intent.kind === 'run') {
    steps.push(pytestStep(files, 'Running the test suite.'));
    steps.push(messageStep(`The suite passes — ${testCount(files)} tests.`, true));
    return steps;
  }
  if (intent.kind === 'tests') {
    steps.push(readStep('utils.py', utils, 'Which helpers are there?'));
    steps.push(readStep('test_utils.py', tests, 'And which of them are tested already?'));
    const untested = knownRepoFunctions().filter(
      (fn) => utils.includes(`def ${fn.name}(`) && !tests.includes(`def test_${fn.name}(`),
    );
    for (const fn of untested) steps.push(...addTestSteps(files, fn));
    steps.push(pytestStep(files, 'Running the whole suite.'));
    const added = untested.map((fn) => code(`test_${fn.name}`));
    steps.push(
      messageStep(
        added.length > 0
          ? `I added ${added.join(', ')} to ${code('test_utils.py')} — ${testCount(files)} tests, all passing.`
          : `Every helper already has a test — ${testCount(files)} tests, all passing.`,
        true,
      ),
    );
    return steps;
  }

  steps.push(readStep('README.md', files.get('README.md') ?? '', 'Reading the README first.'));
  const fn = repoFunctionFor(intent.topic);
  if (!fn || utils.includes(`def ${fn.name}(`)) {
    steps.push(noteInReadme(files, context.prompt));
    steps.push(
      messageStep(
        fn
          ? `${code(`${fn.name}()`)} is already in ${code('utils.py')} — I noted the request under “Next steps” in the README.`
          : `I recorded the request under “Next steps” in ${code('README.md')} — tell me which file to change and I'll implement it.`,
        true,
      ),
    );
    return steps;
  }
  steps.push(readStep('utils.py', utils, `Looking at ${code('utils.py')} to match its style.`));
  const anchor = lastBlock(utils);
  steps.push(
    applyEdit(
      files,
      editStep(
        'utils.py',
        utils,
        anchor,
        `${anchor}\n\n\n${fn.source}`,
        `Adding ${code(`${fn.name}()`)} after the existing helpers.`,
      ),
    ),
  );
  steps.push(...addTestSteps(files, fn));
  steps.push(pytestStep(files, 'Running the suite to make sure nothing broke.'));
  steps.push(
    messageStep(
      `Done — I added ${code(`${fn.name}()`)} to ${code('utils.py')} with a test in ${code('test_utils.py')}; all ${testCount(files)} tests pass.`,
      true,
    ),
  );
  return steps;
}

/** Lists the repository, checking the starter project out first when the workspace lacks it. */
function checkoutStep(files: Map<string, string>): ScriptedStep {
  const missing = Object.entries(STARTER_FILES).filter(([path]) => !files.has(path));
  const clone = missing.length === Object.keys(STARTER_FILES).length;
  for (const [path, text] of missing) files.set(path, text);
  const listing = [...files.keys()]
    .sort()
    .map((path) => `./${path}`)
    .join('\n');
  const command = clone
    ? `git clone -q ${STARTER_REPO_URL} . && find . -type f -not -path './.git/*' | sort`
    : "find . -type f -not -path './.git/*' | sort";
  const step = runStep(
    { command, output: listing },
    clone
      ? 'The workspace is empty — checking out the starter repository first.'
      : 'Let me see what is in the repository.',
  );
  return { ...step, writes: clone ? Object.fromEntries(missing) : undefined };
}

function addTestSteps(
  files: Map<string, string>,
  fn: NonNullable<ReturnType<typeof repoFunctionFor>>,
) {
  const tests = files.get('test_utils.py') ?? '';
  const importLine = /^from utils import (.+)$/m.exec(tests);
  const steps: ScriptedStep[] = [];
  if (importLine && !importLine[1]?.split(/,\s*/).includes(fn.name)) {
    steps.push(
      applyEdit(
        files,
        editStep(
          'test_utils.py',
          tests,
          importLine[0],
          `${importLine[0]}, ${fn.name}`,
          `Importing ${code(fn.name)} in the tests.`,
        ),
      ),
    );
  }
  const current = files.get('test_utils.py') ?? '';
  const anchor = lastBlock(current);
  steps.push(
    applyEdit(
      files,
      editStep(
        'test_utils.py',
        current,
        anchor,
        `${anchor}\n\n\n${fn.test}`,
        `Adding ${code(`test_${fn.name}`)}.`,
      ),
    ),
  );
  return steps;
}

function noteInReadme(files: Map<string, string>, prompt: string): ScriptedStep {
  const readme = files.get('README.md') ?? '';
  const note = `- ${prompt.replace(/\s+/g, ' ').trim().slice(0, 120)}`;
  const anchor = readme.trimEnd();
  const replacement = readme.includes('## Next steps')
    ? `${anchor}\n${note}`
    : `${anchor}\n\n## Next steps\n\n${note}`;
  return applyEdit(
    files,
    editStep('README.md', readme, anchor, replacement, 'Recording the request in the README.'),
  );
}

/** Applies a planned edit to the planning copy, so later steps see the edited text. */
function applyEdit(files: Map<string, string>, step: ScriptedStep): ScriptedStep {
  for (const [path, text] of Object.entries(step.writes ?? {})) files.set(path, text);
  return step;
}

/** The last top-level block of a Python file: a unique anchor to append after. */
function lastBlock(text: string): string {
  const trimmed = text.trimEnd();
  const start = trimmed.lastIndexOf('\n\n\n');
  return start < 0 ? trimmed : trimmed.slice(start + 3);
}

function testCount(files: ReadonlyMap<string, string>): number {
  return (files.get('test_utils.py') ?? '').match(/^def test_/gm)?.length ?? 0;
}

function pytestStep(files: ReadonlyMap<string, string>, thought: string): ScriptedStep {
  return runStep(
    { command: 'python3 -m pytest -q', output: pytestOutput(testCount(files)) },
    thought,
  );
}
