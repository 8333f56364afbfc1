import { codeBlock, stepMarkdown } from './robocoders-event';

describe('codeBlock', () => {
  it('fences code with three backticks and the language, without trailing newlines', () => {
    expect(codeBlock('ls -la\n\n', 'sh')).toBe('```sh\nls -la\n```');
  });

  it('uses a fence longer than any backtick run inside the code', () => {
    const code = 'doc = """\n````md\n```js\nx\n```\n````\n"""';
    const block = codeBlock(code, 'python');
    expect(block).toBe(`\`\`\`\`\`python\n${code}\n\`\`\`\`\``);
    const fence = /^`+/.exec(block)?.[0] ?? '';
    for (const run of code.match(/`+/g) ?? []) expect(run.length).toBeLessThan(fence.length);
  });
});

describe('stepMarkdown', () => {
  it('shows the code of run_ipython and the command of run as code blocks', () => {
    expect(
      stepMarkdown({
        source: 'agent',
        action: 'run_ipython',
        message: 'Running Python code interactively: print(1)',
        args: { code: 'print(1)\n' },
      }),
    ).toBe('```python\nprint(1)\n```');
    expect(
      stepMarkdown({
        source: 'agent',
        action: 'run',
        message: 'Running command: npm test',
        args: { command: 'npm test' },
      }),
    ).toBe('```sh\nnpm test\n```');
  });

  it('uses the message of other steps, and of run steps without code', () => {
    expect(
      stepMarkdown({ action: 'edit', message: 'Editing file: a.py', args: { path: 'a.py' } }),
    ).toBe('Editing file: a.py');
    expect(
      stepMarkdown({ action: 'run', message: 'Running command: ', args: { command: ' ' } }),
    ).toBe('Running command: ');
    expect(stepMarkdown({ action: 'run_ipython', message: 'Running code', args: 'weird' })).toBe(
      'Running code',
    );
  });

  it('falls back to the step text, and gives nothing for echoed user events', () => {
    expect(stepMarkdown({ action: 'write', message: '', args: { content: 'file text' } })).toBe(
      'file text',
    );
    expect(stepMarkdown({ action: 'browse', args: {} })).toBeUndefined();
    expect(
      stepMarkdown({ source: 'user', action: 'run', message: 'x', args: { command: 'ls' } }),
    ).toBeUndefined();
  });
});
