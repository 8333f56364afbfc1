import type { TextStreamPart, ToolSet } from 'ai';
import { describe, expect, it } from 'vitest';
import { agentStepsToReasoning, formatStep, isStepText } from './agent-steps';

type Part = TextStreamPart<ToolSet>;

async function run(parts: Part[]): Promise<Part[]> {
  const transform = agentStepsToReasoning<ToolSet>()({ tools: {}, stopStream: () => {} });
  const out: Part[] = [];
  const writer = transform.writable.getWriter();
  const reading = (async () => {
    for await (const part of transform.readable as unknown as AsyncIterable<Part>) out.push(part);
  })();
  for (const part of parts) await writer.write(part);
  await writer.close();
  await reading;
  return out;
}

const text = (textDelta: string): Part => ({ type: 'text-delta', textDelta });
const reasoning = (textDelta: string): Part => ({ type: 'reasoning', textDelta });

describe('isStepText', () => {
  it('recognises the agent step summaries', () => {
    expect(isStepText('Running command: python3 factorial.py')).toBe(true);
    expect(isStepText('Command `ls -la` executed with exit code 2.')).toBe(true);
    expect(isStepText("I'm asking TaskPlannerAgent for help with this task.")).toBe(true);
    expect(isStepText('TaskPlannerAgent finishes task with plan:\n1. Do it')).toBe(true);
  });

  it('leaves what the agent says to the user alone', () => {
    expect(isStepText('Done — I created `factorial.py`.')).toBe(false);
    expect(isStepText('Should I use recursion? Running command: would be next.')).toBe(false);
  });
});

describe('formatStep', () => {
  it('shows a written file highlighted in its own language', () => {
    const step = formatStep(
      "Running Python code interactively: create_file('app.ts')\nEDITED_CODE = '''export const a = 1;\n'''\ninsert_content_at_line('app.ts', 1, EDITED_CODE)",
    );
    expect(step).toBe('Writing `app.ts`:\n\n```typescript\nexport const a = 1;\n```');
  });

  it('shows other Python as a Python block and commands as shell blocks', () => {
    expect(formatStep('Running Python code interactively: print(1)')).toBe(
      'Running Python code:\n\n```python\nprint(1)\n```',
    );
    expect(formatStep('Running command: echo hi')).toBe('```bash\necho hi\n```');
  });

  it('uses a fence longer than any backticks in the code', () => {
    expect(formatStep('Running command: echo ```')).toBe('````bash\necho ```\n````');
  });
});

describe('agentStepsToReasoning', () => {
  it('moves steps to the reasoning and keeps the answer clean', async () => {
    const out = await run([
      reasoning('Let me plan.'),
      text('Running command: ls'),
      text('\n\nCommand `ls` executed with exit code 0.'),
      text('\n\nDone.'),
      text('\n\nAnything else?'),
      { type: 'finish' } as unknown as Part,
    ]);
    expect(out).toEqual([
      reasoning('Let me plan.'),
      reasoning('\n\n```bash\nls\n```'),
      reasoning('\n\nCommand `ls` executed with exit code 0.'),
      text('Done.'),
      text('\n\nAnything else?'),
      { type: 'finish' },
    ]);
  });

  it('splits a step from what the agent says after it in the same delta', async () => {
    const out = await run([
      text('Command `python3 a.py` executed with exit code 0.\n\nDone — it prints 1.'),
      text(
        "\n\nRunning Python code interactively: create_file('b.py')\nEDITED_CODE = '''x = 1\n\n\ny = 2\n'''\ninsert_content_at_line('b.py', 1, EDITED_CODE)\n\nWritten.",
      ),
    ]);
    expect(out).toEqual([
      reasoning('Command `python3 a.py` executed with exit code 0.'),
      text('Done — it prints 1.'),
      reasoning('\n\nWriting `b.py`:\n\n```python\nx = 1\n\n\ny = 2\n```'),
      text('\n\nWritten.'),
    ]);
  });

  it('takes a step only when it ends at a paragraph end', async () => {
    expect(isStepText('Code executed in IPython cell. And then more.')).toBe(false);
    const out = await run([text('Code executed in IPython cell.\nThat worked.')]);
    expect(out).toEqual([text('Code executed in IPython cell.\nThat worked.')]);
  });

  it('passes text it does not recognise through unchanged', async () => {
    const out = await run([text('Hello'), text(' world')]);
    expect(out).toEqual([text('Hello'), text(' world')]);
  });
});
