import * as ai7 from 'ai7';
import * as v3 from 'robocoders-ai-provider/v3';
import * as v4 from 'robocoders-ai-provider/v4';
import { chatBodies, TASK, useEmulator } from './emulator-fixture';
import { runsMajor } from './selected-majors';

const emulator = useEmulator();

/** Runs `body` with ai's warning log switched off; the tests assert the warnings themselves. */
async function quietly<T>(body: () => Promise<T>): Promise<T> {
  const global = globalThis as { AI_SDK_LOG_WARNINGS?: boolean };
  const before = global.AI_SDK_LOG_WARNINGS;
  global.AI_SDK_LOG_WARNINGS = false;
  try {
    return await body();
  } finally {
    global.AI_SDK_LOG_WARNINGS = before;
  }
}

// ai 7 is a separate run on Node 22 (`pnpm test:ai7`).
describe.runIf(runsMajor(7))('ai 7 with robocoders-ai-provider/v4 (native V4)', () => {
  it('puts a text file attachment into the prompt the agent gets, with its filename', async () => {
    const model = v4.createRobocoders({ baseURL: emulator().url, maxContinuations: 0 })(
      'GeneralCodingAgent',
    );
    const source = 'def factorial(n):\n    return n * factorial(n - 1)\n';
    const result = await ai7.generateText({
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Here is my main.py, fix it' },
            {
              type: 'file',
              filename: 'main.py',
              mediaType: 'text/x-python',
              data: new TextEncoder().encode(source),
            },
          ],
        },
      ],
    });
    expect(result.finishReason).toBe('stop');
    const [chat] = chatBodies(emulator());
    expect(chat.prompt).toBe(
      `Here is my main.py, fix it\nFile main.py (text/x-python):\n\`\`\`\n${source}\n\`\`\``,
    );
  });

  it("takes ai 7's tagged text file data, and refuses an image naming the part", async () => {
    const model = v4.createRobocoders({ baseURL: emulator().url, maxContinuations: 0 })(
      'GeneralCodingAgent',
    );
    await ai7.generateText({
      model,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Summarise' },
            {
              type: 'file',
              filename: 'notes.md',
              mediaType: 'text',
              data: { type: 'text', text: '# Notes' },
            },
          ],
        },
      ],
    });
    expect(chatBodies(emulator())[0].prompt).toContain('File notes.md (text):\n```\n# Notes\n```');
    let error: unknown;
    try {
      await ai7.generateText({
        model,
        maxRetries: 0,
        messages: [
          {
            role: 'user',
            content: [
              {
                type: 'file',
                filename: 'cat.png',
                mediaType: 'image/png',
                data: new Uint8Array([1, 2]),
              },
            ],
          },
        ],
      });
    } catch (thrown) {
      error = thrown;
    }
    expect(ai7.UnsupportedFunctionalityError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('file part "cat.png" (image/png)');
    expect(chatBodies(emulator())).toHaveLength(1);
  });

  it('reports the reasoning option as an unsupported V4 warning, with details', async () => {
    const model = v4.createRobocoders({ baseURL: emulator().url, maxContinuations: 0 })(
      'GeneralCodingAgent',
    );
    const result = await quietly(() =>
      ai7.generateText({ model, prompt: TASK, reasoning: 'high' }),
    );
    expect(result.warnings).toEqual([
      { type: 'unsupported', feature: 'reasoning', details: expect.stringContaining("'high'") },
    ]);
  });

  it("reads the earlier turn's provider-executed tool results when the chat goes on", async () => {
    // Without the history's session, the whole conversation goes to a new session, results
    // included (as for a chat begun on another model).
    const model = v4.createRobocoders({
      baseURL: emulator().url,
      maxContinuations: 0,
      sessionFromHistory: false,
    })('GeneralCodingAgent');
    const first = await ai7.generateText({ model, prompt: TASK });
    expect(first.dynamicToolResults.length).toBeGreaterThan(0);
    const second = await ai7.generateText({
      model,
      messages: [
        { role: 'user', content: TASK },
        ...first.responseMessages,
        { role: 'user', content: 'Now add unit tests' },
      ],
    });
    expect(second.finishReason).toBe('stop');
    const prompt = chatBodies(emulator())[1].prompt;
    expect(prompt).toMatch(/\[tool result run: .*exit_code/);
    expect(prompt).toMatch(/User: Now add unit tests\nAssistant:$/);
  });
});

describe.runIf(runsMajor(7))("ai 7 with robocoders-ai-provider/v3 (through ai's V3 proxy)", () => {
  it('still streams the steps as tool calls with results, then the answer', async () => {
    const model = v3.createRobocoders({ baseURL: emulator().url, maxContinuations: 0 })(
      'GeneralCodingAgent',
    );
    const result = ai7.streamText({ model, prompt: TASK });
    const types: string[] = [];
    for await (const part of result.stream) types.push(part.type);
    expect(types).toContain('reasoning-delta');
    expect(types).toContain('tool-result');
    expect(types).not.toContain('error');
    expect(await result.finishReason).toBe('stop');
    expect(await result.text).toMatch(/factorial/);
    expect((await result.finalStep).providerMetadata?.robocoders).toMatchObject({
      agent: 'GeneralCodingAgent',
    });
  });
});
