import { code, noCodeYet, type TurnContext, type WorkIntent } from './agent-context.js';
import { type ComponentTemplate, componentFor, componentForFile } from './component-templates.js';
import { createFileStep, messageStep, runStep, type ScriptedStep } from './scripted-steps.js';

/** FrontEndAgent: writes typed React function components, type-checks and tests them. */
export function frontEndTurn(context: TurnContext, intent: WorkIntent): ScriptedStep[] {
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

function componentsIn(files: ReadonlyMap<string, string>): ComponentTemplate[] {
  const components: ComponentTemplate[] = [];
  for (const [path, text] of files) {
    const component = componentForFile(path, text);
    if (component) components.push(component);
  }
  return components;
}
