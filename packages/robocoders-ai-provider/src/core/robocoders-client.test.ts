import { APICallError } from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import {
  AGENT_STEP_REASONING,
  agentStepEvents,
  createFakeRobocoders,
  type FakeEvent,
  type FakeReply,
  messageEvent,
  ndjson,
} from '../../test/test-utils/fake-robocoders';
import { RobocodersClient, type RunTurnOptions } from './robocoders-client';
import type { RobocodersPart } from './robocoders-part';
import { createMemoryStore, type RobocodersStore } from './robocoders-store';

// The held streams here are closed without the grace a server gets to end a response itself
// (drain-body.test.ts covers the grace), so these tests do not wait it out.
vi.mock('./drain-body', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./drain-body')>();
  return {
    ...actual,
    drainThenCancel: (reader: ReadableStreamDefaultReader<Uint8Array>) =>
      actual.drainThenCancel(reader, 0),
  };
});

const BASE = 'http://robocoders.test';

type ChatHandler = (
  body: { sid: string; prompt: string; agent: string },
  index: number,
) => FakeReply;

function setup(
  options: {
    chat?: ChatHandler;
    apiKey?: string;
    store?: RobocodersStore;
    createSession?: (index: number) => FakeReply;
    conversationTtlSeconds?: number;
  } = {},
) {
  const fake = createFakeRobocoders({
    chat: options.chat
      ? (call, index) => options.chat?.(call.body as never, index) as FakeReply
      : undefined,
    createSession: options.createSession
      ? (_, index) => options.createSession?.(index) as FakeReply
      : undefined,
  });
  const store = options.store ?? createMemoryStore();
  const client = new RobocodersClient({
    baseURL: BASE,
    apiKey: () => options.apiKey,
    headers: () => ({ 'x-app': 'test' }),
    fetch: fake.fetch,
    store,
    conversationTtlSeconds: options.conversationTtlSeconds,
  });
  return { fake, client, store };
}

function turnOptions(overrides: Partial<RunTurnOptions> = {}): RunTurnOptions {
  return {
    agent: 'RepoAgent',
    prompt: { full: () => 'FULL PROMPT', newTurns: () => 'NEW TURNS' },
    maxContinuations: 0,
    continuePrompt: 'continue',
    continueOnWait: false,
    agentSteps: 'text',
    idleTimeoutMs: 600_000,
    maxEventBytes: 16 * 1024 * 1024,
    ...overrides,
  };
}

async function run(client: RobocodersClient, overrides: Partial<RunTurnOptions> = {}) {
  const turn = await client.runTurn(turnOptions(overrides));
  return { turn, parts: await convertReadableStreamToArray(turn.stream) };
}

/** The deltas of one kind as one string shows them (V1): blocks joined by a blank line. */
const joinedDeltas = (parts: RobocodersPart[], kind: 'text' | 'reasoning') => {
  const deltas: string[] = [];
  let separate = false;
  for (const part of parts) {
    if (part.type === `${kind}-start`) separate = deltas.length > 0;
    else if (part.type === `${kind}-delta` && 'delta' in part) {
      deltas.push(separate ? `\n\n${part.delta}` : part.delta);
      separate = false;
    }
  }
  return deltas;
};
const textOf = (parts: RobocodersPart[]) => joinedDeltas(parts, 'text').join('');
const reasoningDeltas = (parts: RobocodersPart[]) => joinedDeltas(parts, 'reasoning');
const finishOf = (parts: RobocodersPart[]) => {
  const last = parts.at(-1);
  if (last?.type !== 'finish') throw new Error(`last part is ${last?.type}`);
  return last;
};

const paused: FakeEvent[] = [
  {
    id: 8,
    source: 'agent',
    observation: 'error',
    content:
      'Agent reached maximum iteration, task paused. Current iteration: 2, max iteration: 2.',
    message: 'Agent reached maximum iteration, task paused.',
    extras: {},
  },
  {
    id: 9,
    source: 'agent',
    observation: 'agent_state_changed',
    content: '',
    message: 'Agent state changed to paused',
    extras: { agent_state: 'paused', reason: '' },
  },
];

describe('RobocodersClient.runTurn', () => {
  it('creates a session for a call and sends the whole conversation', async () => {
    const { fake, client } = setup();
    const { turn, parts } = await run(client, { headers: { 'x-call': '1' } });
    expect(fake.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /auth',
      'GET /create-session',
      'POST /chat',
    ]);
    const chat = fake.callsTo('/chat')[0];
    expect(chat.body).toEqual({ sid: 'sid-1', prompt: 'FULL PROMPT', agent: 'RepoAgent' });
    expect(chat.headers['x-app']).toBe('test');
    expect(chat.headers['x-call']).toBe('1');
    expect(chat.headers.authorization).toMatch(/^Bearer ey/);
    expect(turn).toMatchObject({ sessionId: 'sid-1', newSession: true });
    expect(parts[0]).toMatchObject({
      type: 'response-metadata',
      sessionId: 'sid-1',
      agent: 'RepoAgent',
    });
    expect(textOf(parts)).toBe('echo: FULL PROMPT');
    expect(finishOf(parts)).toEqual({
      type: 'finish',
      finishReason: 'stop',
      rawFinishReason: 'awaiting_user_input',
      metadata: {
        sessionId: 'sid-1',
        agent: 'RepoAgent',
        continuations: 0,
        awaitingInput: true,
        skippedLines: 0,
        lastEventId: 1,
      },
    });
  });

  it('never shares a session between calls without options', async () => {
    const { fake, client } = setup();
    await run(client);
    await run(client);
    expect(fake.callsTo('/create-session')).toHaveLength(2);
    expect(fake.callsTo('/auth')).toHaveLength(1);
  });

  it('maps events to text, reasoning, action, observation and raw parts', async () => {
    const events: FakeEvent[] = [
      {
        id: 3,
        source: 'user',
        message: 'the prompt',
        action: 'message',
        args: { content: 'the prompt' },
      },
      {
        id: 4,
        source: 'agent',
        message: 'Running command: ls',
        action: 'run',
        args: { command: 'ls', thought: 'Look around.' },
      },
      {
        id: 5,
        source: 'agent',
        message: 'Command `ls` executed with exit code 2.',
        observation: 'run',
        content: 'ls: cannot access',
        extras: { exit_code: 2 },
        cause: 4,
      },
      { id: 6, source: 'agent', message: 'unknown', action: 'teleport', args: 'weird' as never },
      messageEvent(7, 'Done.', true),
    ];
    const { client } = setup({ chat: () => ({ chunks: [ndjson(...events)] }) });
    const withRaw = await run(client, { includeRawEvents: true });
    expect(withRaw.parts.filter((part) => part.type === 'raw').map((part) => part.event)).toEqual(
      events,
    );
    const { parts } = await run(client);
    expect(parts.slice(1)).toEqual([
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'Look around.' },
      { type: 'action', id: '4', action: 'run', args: { command: 'ls', thought: 'Look around.' } },
      { type: 'reasoning-end', id: 'reasoning-0' },
      { type: 'text-start', id: 'text-1' },
      { type: 'text-delta', id: 'text-1', delta: 'Running command: ls' },
      {
        type: 'observation',
        id: '5',
        causeId: '4',
        observation: 'run',
        content: 'ls: cannot access',
        extras: { exit_code: 2 },
        isError: true,
      },
      { type: 'text-delta', id: 'text-1', delta: '\n\nCommand `ls` executed with exit code 2.' },
      { type: 'action', id: '6', action: 'teleport', args: {} },
      { type: 'text-delta', id: 'text-1', delta: '\n\nunknown\n\nDone.' },
      { type: 'text-end', id: 'text-1' },
      expect.objectContaining({ type: 'finish', finishReason: 'stop' }),
    ]);
  });

  it('emits the texts of one network read as one delta', async () => {
    const { client } = setup({
      chat: () => ({
        chunks: [
          ndjson(messageEvent(1, 'a'), messageEvent(2, 'b')),
          ndjson(messageEvent(3, 'c', true)),
        ],
      }),
    });
    const { parts } = await run(client);
    expect(parts.filter((part) => part.type === 'text-delta')).toEqual([
      { type: 'text-delta', id: 'text-0', delta: 'a\n\nb' },
      { type: 'text-delta', id: 'text-0', delta: '\n\nc' },
    ]);
  });

  it('separates consecutive reasoning deltas with a blank line, across continuations', async () => {
    const thinking = (id: number, thought: string): FakeEvent => ({
      id,
      source: 'agent',
      message: thought,
      action: 'think',
      args: { thought },
    });
    const { client } = setup({
      chat: (_, index) => ({
        chunks: [
          index === 0
            ? ndjson(thinking(1, 'First thought.'), thinking(2, 'Second thought.'))
            : ndjson(thinking(4, 'After continuing.'), messageEvent(5, 'Done.', true)),
          ...(index === 0 ? [ndjson(messageEvent(3, 'Waiting.', true))] : []),
        ],
      }),
    });
    const { parts } = await run(client, { maxContinuations: 1, continueOnWait: true });
    expect(reasoningDeltas(parts)).toEqual([
      'First thought.',
      '\n\nSecond thought.',
      '\n\nAfter continuing.',
    ]);
    // `think` is not the agent speaking to the user: its thought is reasoning only.
    expect(textOf(parts)).toBe('Waiting.\n\nDone.');
  });

  describe('agent steps', () => {
    const steps = () => setup({ chat: () => ({ chunks: [ndjson(...agentStepEvents())] }) });

    it('keeps the step summaries in the text by default, as the seed client', async () => {
      const { parts } = await run(steps().client);
      expect(reasoningDeltas(parts)).toEqual([
        'Plan first.',
        '\n\nWrite the file.',
        '\n\nCheck it.',
      ]);
      expect(textOf(parts)).toBe(
        [
          "I'm asking TaskPlannerAgent for help with this task.",
          'TaskPlannerAgent finishes task with plan:\n1. Write notes.md',
          `Running Python code interactively: ${agentStepEvents()[2]?.args?.code}`,
          'Code executed in IPython cell.',
          'Running command: cat notes.md',
          'Command `cat notes.md` executed with exit code 0.',
          'notes.md is written.',
        ].join('\n\n'),
      );
      const explicit = await run(steps().client, { agentSteps: 'text' });
      expect(explicit.parts.slice(1)).toEqual(parts.slice(1));
    });

    it("streams steps as Markdown reasoning with agentSteps 'reasoning'", async () => {
      const { parts } = await run(steps().client, { agentSteps: 'reasoning' });
      expect(reasoningDeltas(parts)).toEqual(
        AGENT_STEP_REASONING.map((delta, index) => (index === 0 ? delta : `\n\n${delta}`)),
      );
      expect(parts.filter((part) => part.type === 'text-delta')).toEqual([
        { type: 'text-delta', id: 'text-1', delta: 'notes.md is written.' },
      ]);
      // Action and observation parts are unchanged: adapters still see every step.
      expect(parts.filter((part) => part.type === 'action').map((part) => part.id)).toEqual([
        '2',
        '4',
        '6',
      ]);
      expect(finishOf(parts)).toMatchObject({
        finishReason: 'stop',
        rawFinishReason: 'awaiting_user_input',
      });
    });

    it('adds neither text nor reasoning for steps shown as tool calls', async () => {
      const { parts } = await run(steps().client, {
        agentSteps: 'reasoning',
        toolActions: (action) => action === 'run',
      });
      expect(reasoningDeltas(parts).join('')).not.toMatch(/cat notes\.md/);
      expect(reasoningDeltas(parts)).toEqual(
        AGENT_STEP_REASONING.filter((delta) => !delta.includes('cat notes.md')).map(
          (delta, index) => (index === 0 ? delta : `\n\n${delta}`),
        ),
      );
      expect(textOf(parts)).toBe('notes.md is written.');
    });

    it('keeps the text of events that are not steps in the answer', async () => {
      const events: FakeEvent[] = [
        { id: 1, source: 'user', message: 'the prompt', action: 'run', args: { command: 'ls' } },
        // Answers an action of an earlier call: not known as a step of this one.
        { id: 2, source: 'agent', observation: 'run', cause: 99, content: '', message: 'Old.' },
        {
          id: 3,
          source: 'agent',
          observation: 'error',
          content: 'Something went wrong.',
          message: 'Something went wrong.',
        },
        { id: 4, source: 'agent', message: '', action: 'edit', args: { content: 'new text' } },
        { id: 5, source: 'agent', message: 'All done.', action: 'finish', args: {} },
      ];
      const { client } = setup({ chat: () => ({ chunks: [ndjson(...events)] }) });
      const { parts } = await run(client, { agentSteps: 'reasoning' });
      expect(textOf(parts)).toBe('Old.\n\nSomething went wrong.\n\nAll done.');
      // A step without a message falls back to its text.
      expect(reasoningDeltas(parts)).toEqual(['new text']);
    });
  });

  it('continues at once on a wait event, on the same session and agent', async () => {
    const { fake, client } = setup({
      chat: (body, index) =>
        index === 0
          ? { chunks: [ndjson(messageEvent(1, 'Question?', true))], end: 'hold' }
          : { chunks: [ndjson(messageEvent(2, `got ${body.prompt}`, true))] },
    });
    const { parts } = await run(client, {
      maxContinuations: 1,
      continueOnWait: true,
      continuePrompt: 'go on',
    });
    const chats = fake.callsTo('/chat');
    expect(chats.map((call) => call.body)).toEqual([
      { sid: 'sid-1', prompt: 'FULL PROMPT', agent: 'RepoAgent' },
      { sid: 'sid-1', prompt: 'go on', agent: 'RepoAgent' },
    ]);
    await vi.waitFor(() => expect(chats[0].cancelled).toBe(true), { timeout: 10_000 });
    expect(textOf(parts)).toBe('Question?\n\ngot go on');
    expect(finishOf(parts)).toMatchObject({
      finishReason: 'stop',
      metadata: { continuations: 1, awaitingInput: true, lastEventId: 2 },
    });
  });

  it('finishes at the wait event without waiting for a held-open stream', async () => {
    const { fake, client } = setup({
      chat: () => ({ chunks: [ndjson(messageEvent(1, 'Done?', true))], end: 'hold' }),
    });
    const { parts } = await run(client, { maxContinuations: 0 });
    expect(finishOf(parts).finishReason).toBe('stop');
    expect(fake.callsTo('/chat')).toHaveLength(1);
    await vi.waitFor(() => expect(fake.callsTo('/chat')[0].cancelled).toBe(true), {
      timeout: 10_000,
    });
  });

  it('continues after a step-budget pause, and reports length when none is left', async () => {
    const chat: ChatHandler = (_, index) =>
      index === 0
        ? { chunks: [ndjson(messageEvent(7, 'working'), ...paused)], end: 'hold' }
        : { chunks: [ndjson(messageEvent(10, 'finished the rest', true))] };
    const resumed = setup({ chat });
    const { parts } = await run(resumed.client, { maxContinuations: 1 });
    expect(resumed.fake.callsTo('/chat')[1].body).toMatchObject({ prompt: 'continue' });
    expect(textOf(parts)).toContain('finished the rest');
    expect(textOf(parts)).not.toContain('Agent state changed');
    expect(finishOf(parts)).toMatchObject({ finishReason: 'stop', metadata: { continuations: 1 } });

    const stuck = setup({ chat });
    const stuckRun = await run(stuck.client, { maxContinuations: 0 });
    expect(finishOf(stuckRun.parts)).toMatchObject({
      finishReason: 'length',
      rawFinishReason: 'max_iterations',
      metadata: { continuations: 0, awaitingInput: false },
    });
    await vi.waitFor(() => expect(stuck.fake.callsTo('/chat')[0].cancelled).toBe(true), {
      timeout: 10_000,
    });
  });

  it('treats a maximum-iteration error followed by the end of the stream as a pause', async () => {
    const { client } = setup({
      chat: () => ({ chunks: [ndjson(messageEvent(7, 'x'), paused[0])] }),
    });
    const { parts } = await run(client);
    expect(finishOf(parts)).toMatchObject({ finishReason: 'length' });
  });

  it.each([
    [
      [{ id: 1, source: 'agent', message: 'All done!', action: 'finish', args: {} }],
      'stop',
      'finish',
    ],
    [[{ id: 1, source: 'agent', message: 'No.', action: 'reject', args: {} }], 'other', 'reject'],
    [[messageEvent(1, 'partial')], 'unknown', 'eof'],
  ] as const)('maps terminal events to finish reasons (%#)', async (events, reason, raw) => {
    const { client } = setup({ chat: () => ({ chunks: [ndjson(...events)] }) });
    const { parts } = await run(client);
    expect(finishOf(parts)).toMatchObject({ finishReason: reason, rawFinishReason: raw });
    expect(parts.some((part) => part.type === 'error')).toBe(false);
  });

  it('ends with an error part and finish error when the agent enters the error state', async () => {
    const { client } = setup({
      chat: () => ({
        chunks: [
          ndjson({
            id: 1,
            source: 'agent',
            observation: 'agent_state_changed',
            content: '',
            message: '',
            extras: { agent_state: 'error', reason: 'LLM quota exceeded' },
          }),
        ],
      }),
    });
    const { parts } = await run(client);
    const error = parts.find((part) => part.type === 'error');
    expect((error as { error: Error }).error.message).toContain('LLM quota exceeded');
    expect(finishOf(parts)).toMatchObject({
      finishReason: 'error',
      rawFinishReason: 'agent_error',
    });
  });

  it('ends with an error part and finish error when the connection is cut', async () => {
    const { client } = setup({
      chat: () => ({ chunks: [ndjson(messageEvent(1, 'half'))], end: 'cut' }),
    });
    const { parts } = await run(client);
    expect(parts.map((part) => part.type)).toEqual([
      'response-metadata',
      'text-start',
      'text-delta',
      'text-end',
      'error',
      'finish',
    ]);
    const error = (parts[4] as { error: APICallError }).error;
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/stream of session sid-1 broke after 1 events: terminated/);
    expect(error.isRetryable).toBe(false);
    expect(finishOf(parts)).toMatchObject({
      finishReason: 'error',
      rawFinishReason: 'stream_error',
    });
  });

  it('keeps the answer when the continuation keeps failing with 503, after two retries', async () => {
    const { client, fake } = setup({
      chat: (_, index) =>
        index === 0
          ? { chunks: [ndjson(messageEvent(1, 'q', true))] }
          : { status: 503, json: { detail: 'overloaded' } },
    });
    const { parts } = await run(client, { maxContinuations: 1, continueOnWait: true });
    expect(parts.some((part) => part.type === 'error')).toBe(false);
    expect(textOf(parts)).toBe('q');
    expect(fake.callsTo('/chat')).toHaveLength(4);
    expect(finishOf(parts)).toMatchObject({
      finishReason: 'stop',
      rawFinishReason: 'awaiting_user_input',
      metadata: {
        continuations: 1,
        awaitingInput: true,
        continuationError: {
          statusCode: 503,
          message: expect.stringContaining('overloaded'),
        },
      },
    });
  });

  it('does not retry a continuation that failed with 500', async () => {
    const { client, fake } = setup({
      chat: (_, index) =>
        index === 0
          ? { chunks: [ndjson(messageEvent(1, 'q', true))] }
          : { status: 500, json: { detail: 'boom' } },
    });
    const { parts } = await run(client, { maxContinuations: 1, continueOnWait: true });
    expect(fake.callsTo('/chat')).toHaveLength(2);
    expect(finishOf(parts).metadata.continuationError).toEqual({
      statusCode: 500,
      message: 'Robocoders POST /chat failed with status 500: boom',
    });
  });

  it('counts skipped lines across continuations', async () => {
    const { client } = setup({
      chat: (_, index) => ({
        chunks: [`garbage\n${ndjson(messageEvent(index + 1, 'x', true))}{oops\n`],
      }),
    });
    const { parts } = await run(client, { maxContinuations: 1, continueOnWait: true });
    // Two per response: the lines after the wait event arrived in the same read.
    expect(finishOf(parts).metadata.skippedLines).toBe(4);
  });

  it('closes the upstream body when the consumer cancels', async () => {
    const { fake, client } = setup({
      chat: () => ({ chunks: [ndjson(messageEvent(1, 'a'))], end: 'hold' }),
    });
    const turn = await client.runTurn(turnOptions());
    const reader = turn.stream.getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    await vi.waitFor(() => expect(fake.callsTo('/chat')[0].cancelled).toBe(true), {
      timeout: 10_000,
    });
  });

  it('errors the stream with the abort reason when the call is aborted mid-stream', async () => {
    const { fake, client } = setup({
      chat: () => ({ chunks: [ndjson(messageEvent(1, 'a'))], end: 'hold' }),
    });
    const controller = new AbortController();
    const turn = await client.runTurn(turnOptions({ abortSignal: controller.signal }));
    const reader = turn.stream.getReader();
    // The metadata, then the text block's start and its delta.
    await reader.read();
    await reader.read();
    await reader.read();
    controller.abort();
    await expect(reader.read()).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.callsTo('/chat')[0].aborted).toBe(true);
  });

  it('passes the abort signal to a continuation request', async () => {
    const controller = new AbortController();
    const { fake, client } = setup({
      chat: (_, index) => {
        if (index === 1) controller.abort();
        return { chunks: [ndjson(messageEvent(index + 1, 'q', true))] };
      },
    });
    const turn = await client.runTurn(
      turnOptions({ maxContinuations: 1, continueOnWait: true, abortSignal: controller.signal }),
    );
    await expect(convertReadableStreamToArray(turn.stream)).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(fake.callsTo('/chat')[1].aborted).toBe(true);
  });

  describe('sessions', () => {
    it('uses a given sessionId and sends only the new turns', async () => {
      const { fake, client } = setup();
      const { turn } = await run(client, { sessionId: 'given' });
      expect(fake.callsTo('/create-session')).toHaveLength(0);
      expect(fake.callsTo('/chat')[0].body).toEqual({
        sid: 'given',
        prompt: 'NEW TURNS',
        agent: 'RepoAgent',
      });
      expect(turn.newSession).toBe(false);
    });

    it('replaces an unknown given sessionId by a new session with the whole conversation', async () => {
      const { fake, client, store } = setup({
        chat: (body) =>
          body.sid === 'gone'
            ? { status: 404, json: { detail: 'Session not found' } }
            : { chunks: [ndjson(messageEvent(1, 'ok', true))] },
      });
      const { turn, parts } = await run(client, { sessionId: 'gone' });
      expect(turn).toMatchObject({ sessionId: 'sid-1', newSession: true });
      expect(finishOf(parts).metadata.sessionId).toBe('sid-1');
      expect(fake.callsTo('/chat').map((call) => call.body)).toEqual([
        { sid: 'gone', prompt: 'NEW TURNS', agent: 'RepoAgent' },
        { sid: 'sid-1', prompt: 'FULL PROMPT', agent: 'RepoAgent' },
      ]);
      expect(turn.warnings).toEqual([
        expect.stringMatching(
          /session "gone" is unknown to the service \(404: Session not found\).*new session "sid-1", sent the whole conversation/,
        ),
      ]);
      // A given session is the caller's: nothing is remembered for it.
      expect(await store.getItem('robocoders:robocoders.test:conversation:gone')).toBeNull();
    });

    it('fails when even the replacement of an unknown session is unknown', async () => {
      const { fake, client } = setup({
        chat: () => ({ status: 404, json: { detail: 'Session not found' } }),
      });
      const error = await client
        .runTurn(turnOptions({ sessionId: 'gone' }))
        .catch((e: unknown) => e);
      expect((error as APICallError).statusCode).toBe(404);
      expect((error as APICallError).isRetryable).toBe(false);
      expect(fake.callsTo('/chat')).toHaveLength(2);
    });

    it('remembers a conversation session and then sends only the new turns', async () => {
      const { fake, client, store } = setup();
      const first = await run(client, { conversationId: 'chat/1' });
      const second = await run(client, { conversationId: 'chat/1' });
      expect(fake.callsTo('/create-session')).toHaveLength(1);
      expect(fake.callsTo('/chat').map((call) => call.body)).toEqual([
        { sid: 'sid-1', prompt: 'FULL PROMPT', agent: 'RepoAgent' },
        { sid: 'sid-1', prompt: 'NEW TURNS', agent: 'RepoAgent' },
      ]);
      expect([first.turn.newSession, second.turn.newSession]).toEqual([true, false]);
      expect(await store.getItem('robocoders:robocoders.test:conversation:chat%2F1')).toEqual({
        sid: 'sid-1',
      });
    });

    it('creates one session for concurrent first calls of a conversation', async () => {
      const { fake, client } = setup();
      const turns = await Promise.all(
        Array.from({ length: 5 }, () => run(client, { conversationId: 'c' })),
      );
      expect(fake.callsTo('/create-session')).toHaveLength(1);
      expect(new Set(turns.map(({ turn }) => turn.sessionId))).toEqual(new Set(['sid-1']));
      expect(turns.filter(({ turn }) => turn.newSession)).toHaveLength(1);
    });

    it('lets a waiting call take over when the creating call fails', async () => {
      const { fake, client } = setup({
        chat: (body, index) =>
          index === 0
            ? { status: 500, json: { detail: 'boom' } }
            : { chunks: [ndjson(messageEvent(1, body.prompt, true))] },
      });
      const results = await Promise.allSettled([
        run(client, { conversationId: 'c' }),
        run(client, { conversationId: 'c' }),
      ]);
      expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled']);
      expect(fake.callsTo('/create-session')).toHaveLength(2);
      expect(fake.callsTo('/chat')[1].body).toMatchObject({ sid: 'sid-2', prompt: 'FULL PROMPT' });
    });

    it('replaces a forgotten conversation session and sends the whole conversation', async () => {
      const { fake, client, store } = setup({
        chat: (body) =>
          body.sid === 'sid-1' && fake.callsTo('/chat').length > 1
            ? { status: 404, json: { detail: 'Session not found' } }
            : { chunks: [ndjson(messageEvent(1, 'ok', true))] },
      });
      await run(client, { conversationId: 'c' });
      const { turn } = await run(client, { conversationId: 'c' });
      expect(turn).toMatchObject({ sessionId: 'sid-2', newSession: true });
      expect(fake.callsTo('/chat').map((call) => call.body)).toEqual([
        { sid: 'sid-1', prompt: 'FULL PROMPT', agent: 'RepoAgent' },
        { sid: 'sid-1', prompt: 'NEW TURNS', agent: 'RepoAgent' },
        { sid: 'sid-2', prompt: 'FULL PROMPT', agent: 'RepoAgent' },
      ]);
      expect(await store.getItem('robocoders:robocoders.test:conversation:c')).toEqual({
        sid: 'sid-2',
      });
    });

    it('treats a 422 on sid as a forgotten session', async () => {
      const { fake, client } = setup({
        chat: (body) =>
          body.sid === 'sid-1' && fake.callsTo('/chat').length > 1
            ? {
                status: 422,
                json: {
                  detail: [{ type: 'value_error', loc: ['body', 'sid'], msg: 'Unknown session' }],
                },
              }
            : { chunks: [ndjson(messageEvent(1, 'ok', true))] },
      });
      await run(client, { conversationId: 'c' });
      const { turn } = await run(client, { conversationId: 'c' });
      expect(turn.sessionId).toBe('sid-2');
    });
  });

  describe('store failures', () => {
    const failing = (failOn: ReadonlySet<'get' | 'set' | 'remove'>): RobocodersStore => {
      const inner = createMemoryStore();
      const down = (operation: string) => Promise.reject(new Error(`redis down (${operation})`));
      return {
        getItem: (key) => (failOn.has('get') ? down('get') : inner.getItem(key)),
        setItem: (key, value, options) =>
          failOn.has('set') ? down('set') : inner.setItem(key, value, options),
        removeItem: (key) => (failOn.has('remove') ? down('remove') : inner.removeItem(key)),
      };
    };

    it('treats a failed read as no session and keeps the token in memory', async () => {
      const { fake, client } = setup({ store: failing(new Set(['get', 'set', 'remove'])) });
      const first = await run(client, { conversationId: 'c' });
      expect(first.turn).toMatchObject({ sessionId: 'sid-1', newSession: true });
      expect(first.turn.warnings).toEqual([
        'the store failed to read "robocoders:robocoders.test:conversation:c": redis down (get)',
        'the store failed to read "robocoders:robocoders.test:token": redis down (get)',
        'the store failed to write "robocoders:robocoders.test:token": redis down (set)',
        'the store failed to write "robocoders:robocoders.test:conversation:c": redis down (set)',
      ]);
      const second = await run(client, { conversationId: 'c' });
      // Nothing was remembered, so the conversation starts over; the token was kept.
      expect(second.turn).toMatchObject({ sessionId: 'sid-2', newSession: true });
      expect(fake.callsTo('/auth')).toHaveLength(1);
      expect(fake.callsTo('/chat').map((call) => (call.body as { prompt: string }).prompt)).toEqual(
        ['FULL PROMPT', 'FULL PROMPT'],
      );
    });

    it('goes on when only writes fail, without remembering the conversation', async () => {
      const { client } = setup({ store: failing(new Set(['set'])) });
      const { turn, parts } = await run(client, { conversationId: 'c' });
      expect(finishOf(parts).finishReason).toBe('stop');
      expect(turn.warnings.map((warning) => warning.split(':')[0])).toEqual([
        'the store failed to write "robocoders',
        'the store failed to write "robocoders',
      ]);
    });

    it('passes conversationTtlSeconds as the ttl of the conversation entry', async () => {
      const writes: unknown[] = [];
      const inner = createMemoryStore();
      const store: RobocodersStore = {
        ...inner,
        setItem: (key, value, options) => {
          writes.push({ key, options });
          return inner.setItem(key, value, options);
        },
      };
      const { client } = setup({ store, conversationTtlSeconds: 60 });
      await run(client, { conversationId: 'c' });
      expect(writes).toEqual([
        { key: 'robocoders:robocoders.test:token', options: undefined },
        { key: 'robocoders:robocoders.test:conversation:c', options: { ttl: 60 } },
      ]);
    });

    it('renews the expiry of a conversation entry at each use, not only when it is created', async () => {
      let clock = 0;
      const { fake, client } = setup({
        store: createMemoryStore({ now: () => clock }),
        conversationTtlSeconds: 60,
      });
      await run(client, { conversationId: 'daily' });
      // Used every 50 s: each use counts the 60 s again, so the session is never forgotten.
      for (let day = 0; day < 3; day++) {
        clock += 50_000;
        await run(client, { conversationId: 'daily' });
      }
      expect(fake.callsTo('/create-session')).toHaveLength(1);
      clock += 61_000;
      await run(client, { conversationId: 'daily' });
      expect(fake.callsTo('/create-session')).toHaveLength(2);
    });
  });

  describe('store failures while a forgotten conversation session is replaced', () => {
    it('goes on in the new session when the store cannot remove the stale entry', async () => {
      const inner = createMemoryStore();
      await inner.setItem('robocoders:robocoders.test:conversation:c', { sid: 'stale' });
      const store: RobocodersStore = {
        ...inner,
        removeItem: () => Promise.reject(new Error('redis down (del)')),
      };
      const { fake, client } = setup({
        store,
        chat: (body) =>
          body.sid === 'stale'
            ? { status: 404, json: { detail: 'Session not found' } }
            : { chunks: [ndjson(messageEvent(1, 'ok', true))] },
      });
      const { turn } = await run(client, { conversationId: 'c' });
      expect(turn).toMatchObject({ sessionId: 'sid-1', newSession: true });
      expect(fake.callsTo('/chat').map((call) => (call.body as { sid: string }).sid)).toEqual([
        'stale',
        'sid-1',
      ]);
      expect(turn.warnings).toContain(
        'the store failed to remove "robocoders:robocoders.test:conversation:c": redis down (del)',
      );
      expect(await inner.getItem('robocoders:robocoders.test:conversation:c')).toEqual({
        sid: 'sid-1',
      });
    });
  });

  describe('sessions named in the history', () => {
    it('resumes the history session and sends what it has not seen', async () => {
      const { fake, client } = setup();
      const origins: string[] = [];
      const { turn } = await run(client, {
        historySessionId: 'from-history',
        prompt: {
          full: () => 'FULL PROMPT',
          newTurns: (origin) => {
            origins.push(origin);
            return 'NEW TURNS';
          },
        },
      });
      expect(fake.callsTo('/create-session')).toHaveLength(0);
      expect(fake.callsTo('/chat')[0].body).toEqual({
        sid: 'from-history',
        prompt: 'NEW TURNS',
        agent: 'RepoAgent',
      });
      expect(origins).toEqual(['history']);
      expect(turn).toMatchObject({ sessionId: 'from-history', newSession: false });
    });

    it('lets an explicit sessionId, then a remembered conversation, beat the history', async () => {
      const { fake, client } = setup();
      await run(client, { sessionId: 'explicit', historySessionId: 'from-history' });
      await run(client, { conversationId: 'c1' });
      await run(client, { conversationId: 'c1', historySessionId: 'from-history' });
      expect(fake.callsTo('/chat').map((call) => (call.body as { sid: string }).sid)).toEqual([
        'explicit',
        'sid-1',
        'sid-1',
      ]);
    });

    it('adopts the history session for a conversation the store does not remember', async () => {
      const { fake, client, store } = setup();
      await run(client, { conversationId: 'lost', historySessionId: 'from-history' });
      expect(fake.callsTo('/create-session')).toHaveLength(0);
      expect(fake.callsTo('/chat')[0].body).toMatchObject({ sid: 'from-history' });
      expect(await store.getItem('robocoders:robocoders.test:conversation:lost')).toEqual({
        sid: 'from-history',
      });
    });

    it('replaces a forgotten history session by a new one with the whole conversation', async () => {
      const { fake, client } = setup({
        chat: (body) =>
          body.sid === 'expired'
            ? { status: 410, json: { detail: 'Session expired' } }
            : { chunks: [ndjson(messageEvent(1, 'ok', true))] },
      });
      const { turn, parts } = await run(client, { historySessionId: 'expired' });
      expect(fake.callsTo('/chat').map((call) => call.body)).toEqual([
        { sid: 'expired', prompt: 'NEW TURNS', agent: 'RepoAgent' },
        { sid: 'sid-1', prompt: 'FULL PROMPT', agent: 'RepoAgent' },
      ]);
      expect(turn).toMatchObject({ sessionId: 'sid-1', newSession: true });
      // The new parts name the new session, so the next turn resumes it.
      expect(finishOf(parts).metadata.sessionId).toBe('sid-1');
      expect(turn.warnings).toEqual([
        expect.stringMatching(
          /session "expired" is unknown to the service \(410: Session expired\)/,
        ),
      ]);
    });
  });

  describe('tokens', () => {
    it('renews a fetched token on 401 and retries once', async () => {
      const { fake, client } = setup({
        chat: (_, index) =>
          index === 0
            ? { status: 401, json: { detail: 'Could not validate credentials' } }
            : { chunks: [ndjson(messageEvent(1, 'ok', true))] },
      });
      await run(client);
      expect(fake.callsTo('/auth')).toHaveLength(2);
      const [rejected, accepted] = fake.callsTo('/chat');
      expect(rejected.headers.authorization).not.toBe(accepted.headers.authorization);
    });

    it('goes on when the store fails while a rejected token is dropped', async () => {
      const inner = createMemoryStore();
      const store: RobocodersStore = {
        ...inner,
        removeItem: () => Promise.reject(new Error('redis down (del)')),
      };
      const { fake, client } = setup({
        store,
        chat: (_, index) =>
          index === 0
            ? { status: 401, json: { detail: 'Could not validate credentials' } }
            : { chunks: [ndjson(messageEvent(1, 'ok', true))] },
      });
      const { turn } = await run(client);
      expect(fake.callsTo('/chat')).toHaveLength(2);
      expect(turn.warnings).toContain(
        'the store failed to remove "robocoders:robocoders.test:token": redis down (del)',
      );
    });

    it('goes on when the store fails to read while a rejected token is dropped', async () => {
      let failReads = false;
      const inner = createMemoryStore();
      const store: RobocodersStore = {
        ...inner,
        getItem: (key) =>
          failReads ? Promise.reject(new Error('redis down (get)')) : inner.getItem(key),
      };
      const { fake, client } = setup({
        store,
        chat: (_, index) => {
          // The store breaks between the first request and the renewal.
          failReads = index === 0;
          return index === 0
            ? { status: 401, json: { detail: 'Could not validate credentials' } }
            : { chunks: [ndjson(messageEvent(1, 'ok', true))] };
        },
      });
      const { turn } = await run(client);
      expect(fake.callsTo('/chat')).toHaveLength(2);
      expect(turn.warnings).toContain(
        'the store failed to read "robocoders:robocoders.test:token": redis down (get)',
      );
    });

    it('gives up after the renewed token is rejected too', async () => {
      const { fake, client } = setup({
        chat: () => ({ status: 401, json: { detail: 'Could not validate credentials' } }),
      });
      const error = await client.runTurn(turnOptions()).catch((e: unknown) => e);
      expect((error as APICallError).statusCode).toBe(401);
      expect(fake.callsTo('/chat')).toHaveLength(2);
    });

    it('fails at once, without retrying, when a user key is rejected', async () => {
      const { fake, client } = setup({
        apiKey: 'user-secret-key',
        createSession: () => ({ status: 401, json: { detail: 'Could not validate credentials' } }),
      });
      const error = await client.runTurn(turnOptions()).catch((e: unknown) => e);
      expect(APICallError.isInstance(error)).toBe(true);
      expect((error as APICallError).statusCode).toBe(401);
      expect((error as APICallError).isRetryable).toBe(false);
      expect((error as APICallError).message).toMatch(
        /rejected the API key \(401: Could not validate credentials\)/,
      );
      expect(fake.callsTo('/auth')).toHaveLength(0);
      expect(fake.callsTo('/create-session')).toHaveLength(1);
      expect(fake.callsTo('/create-session')[0].headers.authorization).toBe(
        'Bearer user-secret-key',
      );
    });
  });
});
