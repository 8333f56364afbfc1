import { streamText } from 'ai';
import { chatBodies, providerFor, TASK, useEmulator } from './emulator-fixture';

/** Streams the task through ai 4 and collects what arrived as text and as reasoning. */
async function answer(result: ReturnType<typeof streamText>) {
  let text = '';
  let reasoning = '';
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') text += part.textDelta;
    if (part.type === 'reasoning') reasoning += part.textDelta;
    if (part.type === 'error') throw part.error;
  }
  return { text, reasoning };
}

// The emulator's step summaries, as the seed client showed them in the answer.
const STEP_SUMMARIES = [
  "I'm asking TaskPlannerAgent for help with this task.",
  "Running Python code interactively: create_file('factorial.py')",
  'Code executed in IPython cell.',
  'Running command: python3 factorial.py',
  'Command `python3 factorial.py` executed with exit code 0.',
];

describe('agentSteps with ai@4 streamText against the emulator', () => {
  const emulator = useEmulator();

  it('keeps the steps in the text by default', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const { text, reasoning } = await answer(
      streamText({ model: robocoders('GeneralCodingAgent'), prompt: TASK }),
    );
    for (const summary of STEP_SUMMARIES) expect(text).toContain(summary);
    expect(reasoning).not.toContain('```');
    expect(reasoning).not.toContain('Code executed in IPython cell.');
  });

  it("streams the steps as Markdown reasoning with agentSteps 'reasoning'", async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const result = streamText({
      model: robocoders('GeneralCodingAgent'),
      prompt: TASK,
      providerOptions: { robocoders: { agentSteps: 'reasoning' } },
    });
    const { text, reasoning } = await answer(result);

    for (const summary of STEP_SUMMARIES) expect(text).not.toContain(summary);
    expect(text).not.toContain('create_file(');
    // What the agent tells the user is still the answer.
    expect(text).toMatch(/^Done — I created `factorial\.py`/);

    const [body] = chatBodies(emulator());
    const written = emulator().session(body.sid)?.files['factorial.py'];
    expect(written).toContain('def factorial');
    // The file write is the Python code that holds the file, in a python block of its own.
    expect(reasoning).toContain("\n\n```python\ncreate_file('factorial.py')\nEDITED_CODE = '''");
    expect(reasoning).toContain(written?.trimEnd());
    expect(reasoning).toContain('\n\n```sh\npython3 factorial.py\n```\n\n');
    expect(reasoning).toContain('\n\nCode executed in IPython cell.\n\n');
    expect(reasoning).toContain("\n\nI'm asking TaskPlannerAgent for help with this task.\n\n");
    // Thoughts and steps are paragraphs: no two run together.
    expect(reasoning).not.toMatch(/[.!?`][A-Z]/);
    expect(await result.reasoning).toBe(reasoning);
    expect(await result.text).toBe(text);
    expect(await result.finishReason).toBe('stop');
  });
});
