import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CoreMessage, generateText, streamText } from 'ai';
import { createStorage } from 'unstorage';
import fsDriver from 'unstorage/drivers/fs';
import { chatBodies, providerFor, requestsTo, TASK, useEmulator } from './emulator-fixture';

describe('sessions against the emulator', () => {
  const emulator = useEmulator();

  it('reuses a session by sessionId and sends only the new user turn', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const first = await generateText({ model: robocoders('GeneralCodingAgent'), prompt: TASK });
    const sessionId = first.providerMetadata?.robocoders.sessionId as string;
    const messages: CoreMessage[] = [
      { role: 'user', content: TASK },
      { role: 'assistant', content: first.text },
      { role: 'user', content: 'Now add tests for it' },
    ];
    const second = await generateText({
      model: robocoders('GeneralCodingAgent'),
      messages,
      providerOptions: { robocoders: { sessionId } },
    });
    expect(second.providerMetadata?.robocoders.sessionId).toBe(sessionId);
    expect(chatBodies(emulator()).map((body) => body.prompt)).toEqual([
      TASK,
      'Now add tests for it',
    ]);
    expect(requestsTo(emulator(), '/create-session')).toHaveLength(1);
    expect(Object.keys(emulator().session(sessionId)?.files ?? {})).toEqual(
      expect.arrayContaining(['factorial.py', 'test_factorial.py']),
    );
  });

  it('replaces an unknown sessionId by a new session, with a warning and without retries', async () => {
    const robocoders = providerFor(emulator());
    const result = streamText({
      model: robocoders('RepoAgent'),
      prompt: 'hello there, agent',
      providerOptions: { robocoders: { sessionId: 'no-such-session' } },
    });
    await result.consumeStream();
    const sessionId = (await result.providerMetadata)?.robocoders.sessionId;
    expect(sessionId).not.toBe('no-such-session');
    expect(await result.warnings).toEqual([
      {
        type: 'other',
        message: expect.stringMatching(
          /session "no-such-session" is unknown to the service \(404: Session not found\)/,
        ),
      },
    ]);
    expect(
      chatBodies(emulator())
        .map((body) => body.sid)
        .slice(0, 2),
    ).toEqual(['no-such-session', sessionId]);
  });

  it('remembers a conversation, creating its session once for concurrent first calls', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const call = (messages: CoreMessage[]) =>
      generateText({
        model: robocoders('GeneralCodingAgent'),
        messages,
        providerOptions: { robocoders: { conversationId: 'chat-42' } },
      });
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => call([{ role: 'user', content: TASK }])),
    );
    expect(requestsTo(emulator(), '/create-session')).toHaveLength(1);
    const sids = new Set(results.map((result) => result.providerMetadata?.robocoders.sessionId));
    expect(sids.size).toBe(1);
    const later = await call([
      { role: 'user', content: TASK },
      { role: 'assistant', content: results[0].text },
      { role: 'user', content: 'run it' },
    ]);
    expect(later.providerMetadata?.robocoders.sessionId).toBe([...sids][0]);
    expect(chatBodies(emulator()).at(-1)?.prompt).toBe('run it');
    expect(requestsTo(emulator(), '/create-session')).toHaveLength(1);
  });

  it('replaces a forgotten conversation session and sends it the whole conversation', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const options = { robocoders: { conversationId: 'chat-forgotten' } };
    const first = await generateText({
      model: robocoders('RepoAgent'),
      prompt: TASK,
      providerOptions: options,
    });
    const oldSid = first.providerMetadata?.robocoders.sessionId as string;
    emulator().forgetSession(oldSid);
    const second = await generateText({
      model: robocoders('RepoAgent'),
      messages: [
        { role: 'user', content: TASK },
        { role: 'assistant', content: 'Done.' },
        { role: 'user', content: 'Add tests' },
      ],
      providerOptions: options,
    });
    const newSid = second.providerMetadata?.robocoders.sessionId;
    expect(newSid).not.toBe(oldSid);
    const bodies = chatBodies(emulator());
    expect(bodies.slice(1)).toEqual([
      { sid: oldSid, prompt: 'Add tests', agent: 'RepoAgent' },
      {
        sid: newSid,
        prompt: `User: ${TASK}\nAssistant: Done.\nUser: Add tests\nAssistant:`,
        agent: 'RepoAgent',
      },
    ]);
    expect(requestsTo(emulator(), '/chat').map((request) => request.status)).toEqual([
      200, 404, 200,
    ]);
  });

  it('shares tokens and conversations between provider instances through an unstorage store', async () => {
    const store = createStorage();
    const a = providerFor(emulator(), { store, maxContinuations: 0 });
    const b = providerFor(emulator(), { store, maxContinuations: 0 });
    const options = { robocoders: { conversationId: 'shared' } };
    const first = await generateText({
      model: a('RepoAgent'),
      prompt: TASK,
      providerOptions: options,
    });
    const second = await generateText({
      model: b('RepoAgent'),
      messages: [
        { role: 'user', content: TASK },
        { role: 'assistant', content: first.text },
        { role: 'user', content: 'run it' },
      ],
      providerOptions: options,
    });
    expect(second.providerMetadata?.robocoders.sessionId).toBe(
      first.providerMetadata?.robocoders.sessionId,
    );
    expect(requestsTo(emulator(), '/auth')).toHaveLength(1);
    expect(requestsTo(emulator(), '/create-session')).toHaveLength(1);
    const keys = await store.getKeys();
    const host = new URL(emulator().url).host;
    expect(keys.sort()).toEqual(
      [`robocoders:${host}:conversation:shared`, `robocoders:${host}:token`].sort(),
    );
    const stored = await store.getItem<{ token: string }>(`robocoders:${host}:token`);
    expect(stored?.token).toMatch(/^ey/);
    expect(keys.some((key) => key.includes(stored?.token as string))).toBe(false);
  });

  it('keeps the token and conversations in files with unstorage fs, like the seed cache', async () => {
    const base = await mkdtemp(join(tmpdir(), 'robocoders-cache-'));
    try {
      const options = { robocoders: { conversationId: 'on-disk' } };
      // Two providers one after the other, as two runs of a script would create them.
      const firstRun = providerFor(emulator(), {
        store: createStorage({ driver: fsDriver({ base }) }),
        maxContinuations: 0,
      });
      const first = await generateText({
        model: firstRun('RepoAgent'),
        prompt: TASK,
        providerOptions: options,
      });
      const secondRun = providerFor(emulator(), {
        store: createStorage({ driver: fsDriver({ base }) }),
        maxContinuations: 0,
      });
      const second = await generateText({
        model: secondRun('RepoAgent'),
        messages: [
          { role: 'user', content: TASK },
          { role: 'assistant', content: first.text },
          { role: 'user', content: 'run it' },
        ],
        providerOptions: options,
      });
      expect(second.providerMetadata?.robocoders.sessionId).toBe(
        first.providerMetadata?.robocoders.sessionId,
      );
      expect(requestsTo(emulator(), '/auth')).toHaveLength(1);
      expect(chatBodies(emulator()).map((body) => body.prompt)).toEqual([TASK, 'run it']);
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
