import { chatBodies, TASK, useEmulator } from './emulator-fixture';
import { MAJORS } from './majors';

const emulator = useEmulator();

describe.each(MAJORS)('$name with robocoders-ai-provider$entry', (major) => {
  it('reuses the conversation session and sends only the new turn', async () => {
    const model = major.createModel({ baseURL: emulator().url, maxContinuations: 0 });
    const providerOptions = {
      robocoders: { conversationId: `chat-${major.name.replace(' ', '')}` },
    };
    const first = await major.generateText({
      model,
      prompt: TASK,
      tools: major.agentTools,
      providerOptions,
    });
    // The conversation as a chat app keeps it: the answer's messages (with the agent's tool
    // calls and results) and the user's next turn.
    const messages = [
      { role: 'user', content: TASK },
      ...first.responseMessages,
      { role: 'user', content: 'Now add unit tests' },
    ];
    const second = await major.generateText({
      model,
      messages,
      tools: major.agentTools,
      providerOptions,
    });

    const bodies = chatBodies(emulator());
    expect(bodies).toHaveLength(2);
    expect(bodies[0].prompt).toBe(TASK);
    expect(bodies[1]).toEqual({
      sid: bodies[0].sid,
      prompt: 'Now add unit tests',
      agent: 'GeneralCodingAgent',
    });
    expect(
      emulator().requests.filter((request) => request.path === '/create-session'),
    ).toHaveLength(1);
    expect(second.providerMetadata?.robocoders).toMatchObject({ sessionId: bodies[0].sid });
  });

  it('uses providerOptions.robocoders.sessionId as given', async () => {
    const model = major.createModel({ baseURL: emulator().url, maxContinuations: 0 });
    const first = await major.generateText({ model, prompt: TASK, tools: major.agentTools });
    const sessionId = first.providerMetadata?.robocoders.sessionId as string;
    await major.generateText({
      model,
      prompt: 'Rename the function',
      tools: major.agentTools,
      providerOptions: { robocoders: { sessionId } },
    });
    expect(chatBodies(emulator()).map((body) => body.sid)).toEqual([sessionId, sessionId]);
  });

  it('leaves a waiting agent to the user by default: one chat request, awaitingInput', async () => {
    const model = major.createModel({ baseURL: emulator().url });
    const result = major.streamText({ model, prompt: TASK, tools: major.agentTools });
    const text = await result.text;
    expect(chatBodies(emulator()).map((body) => body.prompt)).toEqual([TASK]);
    expect(text).not.toContain('Nothing is pending');
    expect((await result.providerMetadata)?.robocoders).toMatchObject({
      continuations: 0,
      awaitingInput: true,
    });
  });

  it('continues a waiting agent with continueOnWait, on the same session, the reply in place', async () => {
    const model = major.createModel({
      baseURL: emulator().url,
      maxContinuations: 1,
      continueOnWait: true,
    });
    const result = major.streamText({ model, prompt: TASK, tools: major.agentTools });
    const text = await result.text;
    const bodies = chatBodies(emulator());
    expect(bodies.map((body) => body.prompt)).toEqual([TASK, 'continue']);
    expect(bodies[1].sid).toBe(bodies[0].sid);
    // The first answer and the reply to "continue", in order, in one call.
    expect(text.indexOf('factorial')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('Nothing is pending')).toBeGreaterThan(text.indexOf('factorial'));
    expect((await result.providerMetadata)?.robocoders).toMatchObject({
      continuations: 1,
      awaitingInput: true,
      rawFinishReason: 'awaiting_user_input',
    });
  });
});
