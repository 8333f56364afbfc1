import { code, type TurnContext, type WorkIntent } from './agent-context.js';
import { pytestOutput } from './code-templates.js';
import {
  knownRepoFunctions,
  repoFunctionFor,
  STARTER_FILES,
  STARTER_REPO_URL,
} from './repo-templates.js';
import { editStep, messageStep, readStep, runStep, type ScriptedStep } from './scripted-steps.js';

/**
 * RepoAgent: works on a repository — lists it (checking out a starter project into an empty
 * workspace), reads files, edits them with `str_replace`, and runs the test suite.
 */
export function repoTurn(context: TurnContext, intent: WorkIntent): ScriptedStep[] {
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
