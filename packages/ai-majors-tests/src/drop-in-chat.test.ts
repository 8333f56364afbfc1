import { chatBodies, TASK, useEmulator } from './emulator-fixture';
import { MAJORS, type Major, type StoredUIMessage } from './majors';

const emulator = useEmulator();

const FOLLOW_UP = 'Now add a test for it.';

let ids = 0;
function user(text: string): StoredUIMessage {
  return { id: `user-${++ids}`, role: 'user', parts: [{ type: 'text', text }] };
}

function textOf(message: StoredUIMessage): string {
  return message.parts.map((part) => (part.type === 'text' ? String(part.text) : '')).join('');
}

/** A chat as an app keeps it: stored UI messages, one turn at a time, nothing of Robocoders. */
function chat(major: Major, createModel: () => unknown) {
  const messages: StoredUIMessage[] = [];
  return {
    messages,
    async say(text: string, providerOptions?: Record<string, Record<string, unknown>>) {
      messages.push(user(text));
      const answer = await major.chatTurn({ model: createModel(), messages, providerOptions });
      messages.push(answer);
      return answer;
    },
  };
}

const createSessions = () =>
  emulator().requests.filter((request) => request.path === '/create-session').length;

describe.each(MAJORS)('a drop-in chat app on $name with robocoders-ai-provider$entry', (major) => {
  const model = (settings: Parameters<Major['createModel']>[0] = {}) => {
    const created = major.createModel({ baseURL: emulator().url, ...settings });
    return () => created;
  };

  it('keeps one agent session over three turns and sends only the new message', async () => {
    const conversation = chat(major, model());
    const first = await conversation.say(TASK);
    expect(textOf(first)).toContain('factorial');
    await conversation.say(FOLLOW_UP);
    await conversation.say('Run the tests');
    const bodies = chatBodies(emulator());
    expect(bodies.map((body) => body.prompt)).toEqual([TASK, FOLLOW_UP, 'Run the tests']);
    expect(new Set(bodies.map((body) => body.sid)).size).toBe(1);
    expect(createSessions()).toBe(1);
    // The follow-up reached the agent that wrote factorial.py: its workspace holds both files.
    const files = Object.keys(emulator().session(bodies[0].sid)?.files ?? {});
    expect(files).toEqual(expect.arrayContaining(['factorial.py', 'test_factorial.py']));
    expect(JSON.stringify(conversation.messages)).not.toContain('There is no code in this session');
  });

  it('resumes the session from a new provider instance (a restarted server) and on regenerate', async () => {
    // Each turn gets a provider of its own: nothing is remembered in memory between them.
    const conversation = chat(major, () => major.createModel({ baseURL: emulator().url }));
    await conversation.say(TASK);
    const follow = await conversation.say(FOLLOW_UP);
    expect(textOf(follow)).not.toContain('There is no code');
    // Regenerate: the same history again, without the last answer.
    conversation.messages.pop();
    await major.chatTurn({
      model: major.createModel({ baseURL: emulator().url }),
      messages: conversation.messages,
    });
    const bodies = chatBodies(emulator());
    expect(bodies.map((body) => body.prompt)).toEqual([TASK, FOLLOW_UP, FOLLOW_UP]);
    expect(new Set(bodies.map((body) => body.sid)).size).toBe(1);
  });

  it('keeps two chats with identical openings in two sessions', async () => {
    const create = model();
    const one = chat(major, create);
    const two = chat(major, create);
    await one.say(TASK);
    await two.say(TASK);
    await one.say(FOLLOW_UP);
    await two.say('Run the tests');
    const bodies = chatBodies(emulator());
    const [a, b] = [bodies[0].sid, bodies[1].sid];
    expect(a).not.toBe(b);
    expect(bodies.slice(2)).toEqual([
      expect.objectContaining({ sid: a, prompt: FOLLOW_UP }),
      expect.objectContaining({ sid: b, prompt: 'Run the tests' }),
    ]);
  });

  it('continues a chat begun on another model in a new session that gets the whole conversation', async () => {
    const conversation = chat(major, model());
    conversation.messages.push(user('Hello'), {
      id: 'other-model-1',
      role: 'assistant',
      parts: [{ type: 'text', text: 'Hi! How can I help?' }],
    });
    await conversation.say(TASK);
    const [body] = chatBodies(emulator());
    expect(body.prompt).toBe(
      `User: Hello\nAssistant: Hi! How can I help?\nUser: ${TASK}\nAssistant:`,
    );
    // From then on the session is ours and travels with the chat.
    await conversation.say(FOLLOW_UP);
    expect(chatBodies(emulator())[1]).toEqual(
      expect.objectContaining({ sid: body.sid, prompt: FOLLOW_UP }),
    );
  });

  it('replaces a session the service forgot, and the next turn resumes the new one', async () => {
    const conversation = chat(major, model());
    await conversation.say(TASK);
    const [first] = chatBodies(emulator());
    emulator().forgetSession(first.sid);
    await conversation.say(FOLLOW_UP);
    await conversation.say('Run the tests');
    const bodies = chatBodies(emulator());
    const replaced = bodies.slice(1);
    // The forgotten session refused the follow-up; a new one got the whole conversation.
    expect(replaced[0]).toEqual(expect.objectContaining({ sid: first.sid, prompt: FOLLOW_UP }));
    expect(replaced[1].sid).not.toBe(first.sid);
    expect(replaced[1].prompt).toMatch(new RegExp(`^User: ${TASK}\\n`));
    expect(replaced[1].prompt).toContain(`User: ${FOLLOW_UP}`);
    expect(replaced[2]).toEqual(
      expect.objectContaining({ sid: replaced[1].sid, prompt: 'Run the tests' }),
    );
  });

  it('starts a new session at every turn with sessionFromHistory off', async () => {
    const conversation = chat(major, model({ sessionFromHistory: false }));
    await conversation.say(TASK);
    await conversation.say(FOLLOW_UP);
    const bodies = chatBodies(emulator());
    expect(bodies[0].sid).not.toBe(bodies[1].sid);
    expect(bodies[1].prompt).toContain(`User: ${TASK}`);
    expect(createSessions()).toBe(2);
  });

  it('leaves the agent questions to the user, unless continueOnWait is set at some level', async () => {
    const prompts = () => chatBodies(emulator()).map((body) => body.prompt);
    await chat(major, model()).say(TASK);
    expect(prompts()).toEqual([TASK]);
    for (const [settings, options] of [
      [{ continueOnWait: true }, undefined],
      [{}, { robocoders: { continueOnWait: true } }],
    ] as const) {
      emulator().clearRequests();
      await chat(major, model(settings)).say(TASK, options);
      expect(prompts()).toEqual([TASK, 'continue']);
    }
  });

  if (major.entry !== '/v2') {
    it("shows the agent's work to an app that renders no tool parts with agentSteps text or reasoning", async () => {
      const withTools = await chat(major, model()).say(TASK);
      expect(withTools.parts.some((part) => part.type === 'dynamic-tool')).toBe(true);

      const asText = await chat(major, model({ agentSteps: 'text' })).say(TASK);
      expect(asText.parts.some((part) => part.type === 'dynamic-tool')).toBe(false);
      expect(textOf(asText)).toMatch(/Running command:|def factorial/);

      const asReasoning = await chat(major, model({ agentSteps: 'reasoning' })).say(TASK);
      expect(asReasoning.parts.some((part) => part.type === 'dynamic-tool')).toBe(false);
      const reasoning = asReasoning.parts
        .map((part) => (part.type === 'reasoning' ? String(part.text) : ''))
        .join('');
      expect(reasoning).toContain('factorial');
    });
  }
});

describe.each(MAJORS)('a paused agent in a drop-in chat app on $name', (major) => {
  const paused = useEmulator({ stepBudget: 4 });

  it('is continued by default: the pause is the service resource limit, not a question', async () => {
    const model = major.createModel({ baseURL: paused().url });
    const answer = await chat(major, () => model).say('long task 6');
    expect(chatBodies(paused()).map((body) => body.prompt)).toEqual(['long task 6', 'continue']);
    expect(textOf(answer)).not.toContain('Agent reached maximum iteration');
  });
});
