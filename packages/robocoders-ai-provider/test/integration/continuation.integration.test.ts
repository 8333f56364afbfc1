import { generateText, streamText } from 'ai';
import { startEmulator } from 'robocoders-emulator';
import { chatBodies, eventually, providerFor, requestsTo, useEmulator } from './emulator-fixture';

describe('continuation against the emulator', () => {
  const emulator = useEmulator({ stepBudget: 4 });

  it('leaves a waiting agent to the user by default: no "continue", awaitingInput set', async () => {
    const robocoders = providerFor(emulator());
    const result = await generateText({ model: robocoders('FrontEndAgent'), prompt: 'hi' });
    expect(chatBodies(emulator()).map((body) => body.prompt)).toEqual(['hi']);
    expect(result.text).not.toMatch(/Nothing is pending/);
    expect(result.providerMetadata?.robocoders).toMatchObject({
      continuations: 0,
      awaitingInput: true,
    });
    expect(result.finishReason).toBe('stop');
  });

  it('answers a wait event with one "continue" with continueOnWait, on the same session and agent', async () => {
    const robocoders = providerFor(emulator(), { continueOnWait: true });
    const result = await generateText({ model: robocoders('FrontEndAgent'), prompt: 'hi' });
    const bodies = chatBodies(emulator());
    expect(bodies).toEqual([
      { sid: bodies[0].sid, prompt: 'hi', agent: 'FrontEndAgent' },
      { sid: bodies[0].sid, prompt: 'continue', agent: 'FrontEndAgent' },
    ]);
    expect(result.text).toMatch(/\n\nNothing is pending/);
    expect(result.providerMetadata?.robocoders).toMatchObject({
      continuations: 1,
      awaitingInput: true,
    });
    expect(result.finishReason).toBe('stop');
  });

  it('uses the configured prompt and limit, and 0 turns continuation off', async () => {
    const twice = providerFor(emulator(), {
      maxContinuations: 2,
      continuePrompt: 'go on',
      continueOnWait: true,
    });
    await generateText({ model: twice('RepoAgent'), prompt: 'hi' });
    expect(chatBodies(emulator()).map((body) => body.prompt)).toEqual(['hi', 'go on', 'go on']);

    emulator().clearRequests();
    const never = providerFor(emulator(), { maxContinuations: 2, continueOnWait: true });
    const result = await generateText({
      model: never('RepoAgent', { maxContinuations: 0 }),
      prompt: 'hi',
    });
    expect(chatBodies(emulator())).toHaveLength(1);
    expect(result.providerMetadata?.robocoders).toMatchObject({
      continuations: 0,
      awaitingInput: true,
    });
  });

  it('resumes after a step-budget pause and finishes the task', async () => {
    const robocoders = providerFor(emulator());
    const result = streamText({ model: robocoders('GeneralCodingAgent'), prompt: 'long task 6' });
    const text = await readText(result.textStream);
    const bodies = chatBodies(emulator());
    expect(bodies.map((body) => body.prompt)).toEqual(['long task 6', 'continue']);
    // The pause notice is the controller's, not the agent speaking: the finish reason tells.
    expect(text).not.toContain('Agent reached maximum iteration');
    expect(text).not.toContain('Agent state changed');
    expect(await result.finishReason).toBe('stop');
    expect((await result.providerMetadata)?.robocoders).toMatchObject({
      continuations: 1,
      awaitingInput: true,
    });
  });

  it('reports length when the pause is left unresolved', async () => {
    const robocoders = providerFor(emulator());
    const result = await generateText({
      model: robocoders('GeneralCodingAgent'),
      prompt: 'long task 12',
    });
    expect(chatBodies(emulator()).map((body) => body.prompt)).toEqual(['long task 12', 'continue']);
    expect(result.finishReason).toBe('length');
    expect(result.providerMetadata?.robocoders).toMatchObject({
      continuations: 1,
      awaitingInput: false,
      rawFinishReason: 'max_iterations',
    });
  });

  it('lets the service end its response after the wait event: the service never sees the client go', async () => {
    // Paced: the service writes its last state change a moment after the agent's final message.
    const paced = await startEmulator({ port: 0, paceMs: 150 });
    try {
      const robocoders = providerFor(paced);
      const result = await generateText({ model: robocoders('RepoAgent'), prompt: 'hi' });
      expect(result.finishReason).toBe('stop');
      const [chat] = requestsTo(paced, '/chat');
      await eventually(() => chat.endedAt !== undefined);
      expect(chat.clientAborted).toBe(false);
    } finally {
      await paced.close();
    }
  });

  it('finishes at the wait event of a held-open stream and closes it', async () => {
    emulator().fault({ endpoint: '/chat', kind: 'hold-open' });
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const result = await generateText({ model: robocoders('RepoAgent'), prompt: 'hi' });
    expect(result.finishReason).toBe('stop');
    const [chat] = requestsTo(emulator(), '/chat');
    await eventually(() => chat.endedAt !== undefined);
    expect(chat.clientAborted).toBe(true);
  });

  it('continues without waiting for a held-open stream to end', async () => {
    emulator().fault({ endpoint: '/chat', kind: 'hold-open' });
    const robocoders = providerFor(emulator(), { continueOnWait: true });
    const result = await generateText({ model: robocoders('RepoAgent'), prompt: 'hi' });
    expect(result.providerMetadata?.robocoders).toMatchObject({ continuations: 1 });
    expect(chatBodies(emulator()).map((body) => body.prompt)).toEqual(['hi', 'continue']);
  });

  it('keeps the answer when the continuation request fails (continuationError)', async () => {
    emulator().fault({
      endpoint: '/chat',
      skip: 1,
      kind: 'status',
      status: 500,
      body: { detail: 'boom' },
    });
    const robocoders = providerFor(emulator(), { continueOnWait: true });
    const errors: unknown[] = [];
    const result = streamText({
      model: robocoders('RepoAgent'),
      prompt: 'hi',
      onError: ({ error }) => {
        errors.push(error);
      },
    });
    const types: string[] = [];
    for await (const part of result.fullStream) types.push(part.type);
    expect(types).not.toContain('error');
    expect(errors).toEqual([]);
    expect(await result.text).toMatch(/\?/);
    expect(await result.finishReason).toBe('stop');
    expect((await result.providerMetadata)?.robocoders).toMatchObject({
      rawFinishReason: 'awaiting_user_input',
      awaitingInput: true,
      continuations: 1,
      continuationError: { statusCode: 500, message: expect.stringContaining('boom') },
    });
  });
});

async function readText(stream: AsyncIterable<string>): Promise<string> {
  let text = '';
  for await (const delta of stream) text += delta;
  return text;
}
