import {
  code,
  fence,
  noCodeYet,
  runSteps,
  type TurnContext,
  type WorkIntent,
} from './agent-context.js';
import { type ProgramTemplate, programFor, programForFile } from './code-templates.js';
import {
  createFileStep,
  delegateStep,
  messageStep,
  runStep,
  type ScriptedStep,
} from './scripted-steps.js';

/**
 * GeneralCodingAgent: plans with TaskPlannerAgent, writes files through the IPython agent skills,
 * runs them, and reports.
 */
export function generalTurn(context: TurnContext, intent: WorkIntent): ScriptedStep[] {
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

/** Source files (not tests) the session holds, newest last. */
function programsIn(files: ReadonlyMap<string, string>): ProgramTemplate[] {
  const programs: ProgramTemplate[] = [];
  for (const [path, text] of files) {
    const program = programForFile(path, text);
    if (program) programs.push(program);
  }
  return programs;
}
