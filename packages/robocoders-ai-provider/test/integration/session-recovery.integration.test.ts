import { createMemoryStore, type RobocodersStore } from '../../src/core/robocoders-store';
import { chatBodies, requestsTo, TASK, useEmulator } from './emulator-fixture';
import { ENTRIES, entryProvider, otherWarnings, type PlainMessage } from './entry-calls';

const AGENT = 'RepoAgent';

/** The conversation of a second call: the task, the agent's answer, a new user turn. */
const followUp = (answer: string): PlainMessage[] => [
  { role: 'user', content: TASK },
  { role: 'assistant', content: answer },
  { role: 'user', content: 'Add tests' },
];
const flattened = (answer: string) =>
  `User: ${TASK}\nAssistant: ${answer}\nUser: Add tests\nAssistant:`;

/** A store whose every operation fails, as a Redis that is down does. */
const downStore = (): RobocodersStore => {
  const down = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
  return { getItem: down, setItem: down, removeItem: down };
};

describe.each(ENTRIES)('sessions and stores that fail, through the %s entry', (entry) => {
  const emulator = useEmulator();
  const provider = (settings = {}) =>
    entryProvider(entry, { baseURL: emulator().url, maxContinuations: 0, ...settings });

  it('replaces an expired sessionId by a new session that gets the whole conversation', async () => {
    const robocoders = provider();
    const first = await robocoders.generate(AGENT, [{ role: 'user', content: TASK }]);
    const oldSid = first.robocoders.sessionId as string;
    emulator().forgetSession(oldSid);

    const second = await robocoders.generate(AGENT, followUp('Done.'), { sessionId: oldSid });

    const newSid = second.robocoders.sessionId as string;
    expect(newSid).not.toBe(oldSid);
    expect(emulator().session(newSid)).toBeDefined();
    expect(chatBodies(emulator()).slice(1)).toEqual([
      { sid: oldSid, prompt: 'Add tests', agent: AGENT },
      { sid: newSid, prompt: flattened('Done.'), agent: AGENT },
    ]);
    expect(requestsTo(emulator(), '/chat').map((request) => request.status)).toEqual([
      200, 404, 200,
    ]);
    expect(otherWarnings(second)).toEqual([
      `Robocoders session "${oldSid}" is unknown to the service (404: Session not found); ` +
        `the call continues in the new session "${newSid}", sent the whole conversation.`,
    ]);
    expect(second.text).not.toBe('');
  });

  it.each([
    ['410', { status: 410, body: { detail: 'Session expired' } }],
    [
      'a 422 on sid',
      {
        status: 422,
        body: { detail: [{ type: 'value_error', loc: ['body', 'sid'], msg: 'Unknown session' }] },
      },
    ],
  ])('treats %s like an unknown session', async (_name, fault) => {
    const robocoders = provider();
    emulator().fault({ endpoint: '/chat', kind: 'status', ...fault });
    const result = await robocoders.generate(AGENT, followUp('Done.'), {
      sessionId: 'never-seen-0001',
    });
    expect(result.robocoders.sessionId).not.toBe('never-seen-0001');
    expect(chatBodies(emulator()).map((body) => body.sid)).toEqual([
      'never-seen-0001',
      result.robocoders.sessionId,
    ]);
    expect(otherWarnings(result)).toEqual([
      expect.stringContaining(
        `session "never-seen-0001" is unknown to the service (${fault.status}`,
      ),
    ]);
  });

  it('warns when it replaces a forgotten conversation session', async () => {
    const robocoders = provider();
    const options = { conversationId: `forgotten-${entry}` };
    const first = await robocoders.generate(AGENT, [{ role: 'user', content: TASK }], options);
    emulator().forgetSession(first.robocoders.sessionId as string);
    const second = await robocoders.generate(AGENT, followUp('Done.'), options);
    expect(otherWarnings(second)).toEqual([
      expect.stringMatching(
        new RegExp(
          `session "${first.robocoders.sessionId}" is unknown .*new session "${second.robocoders.sessionId}"`,
        ),
      ),
    ]);
    // Remembered: the next turn goes to the new session with only the new text.
    await robocoders.generate(
      AGENT,
      [
        ...followUp('Done.'),
        { role: 'assistant', content: 'Tests added.' },
        { role: 'user', content: 'run them' },
      ],
      options,
    );
    expect(chatBodies(emulator()).at(-1)).toEqual({
      sid: second.robocoders.sessionId,
      prompt: 'run them',
      agent: AGENT,
    });
  });

  it('goes on in a new session, with warnings, when the store is down', async () => {
    const robocoders = provider({ store: downStore() });
    const options = { conversationId: `down-${entry}` };
    const first = await robocoders.generate(AGENT, [{ role: 'user', content: TASK }], options);
    expect(first.text).not.toBe('');
    const warnings = otherWarnings(first);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^the store failed to read ".*:conversation:down-v\d": connect ECONNREFUSED/,
        ),
        expect.stringMatching(
          /^the store failed to write ".*:conversation:down-v\d": connect ECONNREFUSED/,
        ),
        expect.stringMatching(/^the store failed to read ".*:token"/),
        expect.stringMatching(/^the store failed to write ".*:token"/),
      ]),
    );
    const second = await robocoders.generate(AGENT, followUp(first.text), options);
    // Nothing could be remembered: a new session with the whole conversation, and the token
    // kept in memory (one /auth for both calls).
    expect(second.robocoders.sessionId).not.toBe(first.robocoders.sessionId);
    expect(chatBodies(emulator()).at(-1)?.prompt).toBe(flattened(first.text));
    expect(requestsTo(emulator(), '/auth')).toHaveLength(1);
    expect(otherWarnings(second)).toEqual([
      expect.stringMatching(/failed to read ".*:conversation:/),
      expect.stringMatching(/failed to write ".*:conversation:/),
    ]);
  });

  it('gives a conversation dropped from a full memory store a new session with the whole conversation', async () => {
    const robocoders = provider({ store: createMemoryStore({ maxConversations: 1 }) });
    const a = await robocoders.generate(AGENT, [{ role: 'user', content: TASK }], {
      conversationId: 'a',
    });
    await robocoders.generate(AGENT, [{ role: 'user', content: TASK }], { conversationId: 'b' });
    const again = await robocoders.generate(AGENT, followUp(a.text), { conversationId: 'a' });
    expect(again.robocoders.sessionId).not.toBe(a.robocoders.sessionId);
    expect(chatBodies(emulator()).at(-1)?.prompt).toBe(flattened(a.text));
    expect(requestsTo(emulator(), '/create-session')).toHaveLength(3);
    expect(otherWarnings(again)).toEqual([]);
  });
});
