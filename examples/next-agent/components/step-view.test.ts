import type { DynamicToolUIPart } from 'ai';
import { describe, expect, it } from 'vitest';
import { fenced, isLongOutput, stepInput, stepLabel, stepOutput, stepState } from './step-view';

const base = { type: 'dynamic-tool', toolCallId: 'sid-4', providerExecuted: true } as const;

function part(fields: Record<string, unknown>): DynamicToolUIPart {
  return {
    ...base,
    toolName: 'run',
    input: { command: 'pytest -q' },
    ...fields,
  } as DynamicToolUIPart;
}

describe('stepInput', () => {
  it('shows the command of run and the code of run_ipython as highlighted code', () => {
    expect(stepInput('run', { command: 'pytest -q', blocking: false })).toEqual({
      summary: '',
      code: { language: 'bash', text: 'pytest -q' },
    });
    expect(stepInput('run_ipython', { code: 'print(1)', include_extra: true }).code).toEqual({
      language: 'python',
      text: 'print(1)',
    });
  });

  it('names the file of write, edit and read, with the change of an edit as a diff', () => {
    expect(stepInput('write', { path: 'app.ts', content: 'x' })).toEqual({
      summary: 'app.ts',
      code: { language: 'typescript', text: 'x' },
    });
    expect(
      stepInput('edit', { path: 'a.py', command: 'str_replace', old_str: 'a', new_str: 'b' }),
    ).toEqual({ summary: 'a.py', code: { language: 'diff', text: '- a\n+ b' } });
    expect(stepInput('read', { path: 'README.md', start: 0 })).toEqual({ summary: 'README.md' });
  });

  it('names the URL of browse and the agent and task of delegate; anything else as JSON', () => {
    expect(stepInput('browse', { url: 'https://example.com' }).summary).toBe('https://example.com');
    expect(
      stepInput('delegate', { agent: 'TaskPlannerAgent', inputs: { task: 'Plan it' } }).summary,
    ).toBe('TaskPlannerAgent: Plan it');
    expect(stepInput('recall', { query: 'x' }).summary).toBe('{"query":"x"}');
    expect(stepInput('run', undefined).code?.text).toBe('');
  });

  it('labels known actions and keeps unknown names', () => {
    expect(stepLabel('run_ipython')).toBe('Python');
    expect(stepLabel('recall')).toBe('recall');
  });
});

describe('stepState and stepOutput', () => {
  it('is running until the observation arrives, then done', () => {
    expect(stepState(part({ state: 'input-streaming', input: undefined }), true)).toBe('running');
    expect(stepState(part({ state: 'input-available' }), true)).toBe('running');
    const done = part({
      state: 'output-available',
      output: { observation: 'run', content: '3 passed', extras: { exit_code: 0 } },
    });
    expect(stepState(done, true)).toBe('done');
    expect(stepOutput(done)).toEqual({ text: '3 passed', exitCode: 0 });
  });

  it('fails on an error observation or a non-zero exit code', () => {
    const error = part({
      state: 'output-error',
      errorText: JSON.stringify({ observation: 'error', content: 'No such file', extras: {} }),
    });
    expect(stepState(error, true)).toBe('failed');
    expect(stepOutput(error)).toEqual({ text: 'No such file', exitCode: undefined });
    const exit = part({
      state: 'output-available',
      output: { observation: 'run', content: 'boom', extras: { exit_code: 2 } },
    });
    expect(stepState(exit, false)).toBe('failed');
    expect(stepOutput(part({ state: 'output-error', errorText: 'plain text' }))?.text).toBe(
      'plain text',
    );
  });

  it('is interrupted when the answer ended before the observation', () => {
    expect(stepState(part({ state: 'input-available' }), false)).toBe('interrupted');
  });
});

describe('output and code helpers', () => {
  it('collapses long outputs', () => {
    const lines = (count: number) => Array.from({ length: count }, () => 'line').join('\n');
    expect(isLongOutput('a\nb')).toBe(false);
    // The thresholds exactly: 12 lines and 1,200 characters still show open.
    expect(isLongOutput(lines(12))).toBe(false);
    expect(isLongOutput(lines(13))).toBe(true);
    expect(isLongOutput('x'.repeat(1200))).toBe(false);
    expect(isLongOutput('x'.repeat(1201))).toBe(true);
  });

  it('fences code with a fence longer than any backtick run inside it', () => {
    expect(fenced('print(1)', 'python')).toBe('```python\nprint(1)\n```');
    expect(fenced('a ```` b', 'md')).toBe('`````md\na ```` b\n`````');
  });
});
