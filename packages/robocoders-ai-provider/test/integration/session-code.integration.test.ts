import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { APICallError, InvalidArgumentError } from '@ai-sdk/provider';
import { generateText } from 'ai';
import type { RobocodersSessionCode } from '../../src/core/session-code';
import { createRobocoders as createRobocodersV1 } from '../../src/v1/robocoders-provider';
import { createRobocoders as createRobocodersV2 } from '../../src/v2/robocoders-provider-v2';
import { createRobocoders as createRobocodersV3 } from '../../src/v3/robocoders-provider-v3';
import { chatBodies, providerFor, requestsTo, TASK, useEmulator } from './emulator-fixture';

const run = promisify(execFile);
const userPrompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: TASK }] }];

describe('getSessionCode against the emulator', () => {
  const emulator = useEmulator();

  /** A turn through a `/v2` or `/v3` model that leaves a session remembered for `chat-1`. */
  const specTurn =
    (create: typeof createRobocodersV2 | typeof createRobocodersV3) =>
    async (settings: { baseURL: string }) => {
      const provider = create({ ...settings, maxContinuations: 0 });
      const result = await provider('GeneralCodingAgent').doGenerate({
        prompt: userPrompt,
        providerOptions: { robocoders: { conversationId: 'chat-1' } },
      });
      return { provider, sessionId: result.providerMetadata?.robocoders?.sessionId as string };
    };

  /** Each entry's provider, and a turn through its model that leaves a session. */
  const ENTRIES = [
    {
      entry: '.',
      turn: async (settings: { baseURL: string }) => {
        const provider = createRobocodersV1({ ...settings, maxContinuations: 0 });
        const result = await generateText({
          model: provider('GeneralCodingAgent'),
          prompt: TASK,
          providerOptions: { robocoders: { conversationId: 'chat-1' } },
        });
        return { provider, sessionId: result.providerMetadata?.robocoders.sessionId as string };
      },
    },
    { entry: '/v2', turn: specTurn(createRobocodersV2) },
    { entry: '/v3', turn: specTurn(createRobocodersV3) },
  ];

  describe.each(ENTRIES)('the $entry entry', ({ turn }) => {
    it('hands out the session by sessionId and by conversationId, with the same token', async () => {
      const { provider, sessionId } = await turn({ baseURL: emulator().url });
      const bySession = await provider.getSessionCode({ sessionId, githubUsername: 'octocat' });
      expect(bySession).toEqual({ repoUrl: `${emulator().url}/workspaces/${sessionId}` });
      const byConversation = await provider.getSessionCode({
        conversationId: 'chat-1',
        githubUsername: 'octo-cat',
      });
      expect(byConversation.repoUrl).toBe(bySession.repoUrl);

      const calls = requestsTo(emulator(), '/get-session-code');
      expect(calls.map((call) => call.body)).toEqual([
        { sid: sessionId, github_username: 'octocat' },
        { sid: sessionId, github_username: 'octo-cat' },
      ]);
      expect(calls.map((call) => call.status)).toEqual([200, 200]);
      // The token of the turn, not a new one.
      expect(requestsTo(emulator(), '/auth')).toHaveLength(1);
      const [chat] = requestsTo(emulator(), '/chat');
      expect(calls.map((call) => call.bearer)).toEqual([chat.bearer, chat.bearer]);
    });
  });

  it('works on the default provider of each entry (ROBOCODERS_BASE_URL)', async () => {
    process.env.ROBOCODERS_BASE_URL = emulator().url;
    try {
      const entries = await Promise.all([
        import('../../src/v1/robocoders-provider'),
        import('../../src/v2/robocoders-provider-v2'),
        import('../../src/v3/robocoders-provider-v3'),
      ]);
      const owner = providerFor(emulator(), { maxContinuations: 0 });
      const first = await generateText({ model: owner('GeneralCodingAgent'), prompt: TASK });
      const sessionId = first.providerMetadata?.robocoders.sessionId as string;
      for (const { robocoders } of entries) {
        const code: RobocodersSessionCode = await robocoders.getSessionCode({
          sessionId,
          githubUsername: 'octocat',
        });
        expect(code.repoUrl).toBe(`${emulator().url}/workspaces/${sessionId}`);
      }
    } finally {
      delete process.env.ROBOCODERS_BASE_URL;
    }
  });

  it('gives a repository that git clone fetches, holding the files of the factorial turn', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const result = await generateText({
      model: robocoders('GeneralCodingAgent'),
      prompt: 'Write a factorial function in Python',
    });
    const sessionId = result.providerMetadata?.robocoders.sessionId as string;
    const { repoUrl } = await robocoders.getSessionCode({ sessionId, githubUsername: 'octocat' });
    const directory = await mkdtemp(join(tmpdir(), 'robocoders-clone-'));
    try {
      await run('git', ['clone', '--quiet', repoUrl, join(directory, 'workspace')], {
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
        timeout: 60_000,
      });
      const code = await readFile(join(directory, 'workspace', 'factorial.py'), 'utf8');
      expect(code).toContain('def factorial');
      expect(code).toBe(emulator().session(sessionId)?.files['factorial.py']);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('renews a rejected token once, as the model calls do', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const result = await generateText({ model: robocoders('GeneralCodingAgent'), prompt: TASK });
    const sessionId = result.providerMetadata?.robocoders.sessionId as string;
    emulator().revokeTokens();
    const code = await robocoders.getSessionCode({ sessionId, githubUsername: 'octocat' });
    expect(code.repoUrl).toContain(sessionId);
    expect(requestsTo(emulator(), '/auth')).toHaveLength(2);
    expect(requestsTo(emulator(), '/get-session-code').map((call) => call.status)).toEqual([
      401, 200,
    ]);
  });

  it('fails on an unknown session with a 404 APICallError that is not retryable', async () => {
    const robocoders = providerFor(emulator());
    const error = await robocoders
      .getSessionCode({ sessionId: 'no-such-session', githubUsername: 'octocat' })
      .catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 404, isRetryable: false });
    expect((error as APICallError).message).toMatch(/get-session-code.*404.*Session not found/);
  });

  it.each([503, 500, 429])(
    'fails on %i with a retryable APICallError that never shows the token',
    async (status) => {
      const token = await emulator().issueToken();
      // A server (or proxy) that echoes the credentials back in its body and headers.
      emulator().fault({
        endpoint: '/get-session-code',
        kind: 'status',
        status,
        body: { detail: `upstream said no to Bearer ${token}` },
        headers: { 'x-echo': token },
      });
      const robocoders = providerFor(emulator(), { apiKey: token });
      const error = await robocoders
        .getSessionCode({ sessionId: 'any-session', githubUsername: 'octocat' })
        .catch((caught: unknown) => caught);
      expect(APICallError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ statusCode: status, isRetryable: true });
      const apiError = error as APICallError;
      const exposed = JSON.stringify({
        message: apiError.message,
        url: apiError.url,
        body: apiError.requestBodyValues,
        headers: apiError.responseHeaders,
        responseBody: apiError.responseBody,
        data: apiError.data,
        stack: apiError.stack,
      });
      expect(exposed).toContain('upstream said no');
      expect(exposed).not.toContain(token);
    },
  );

  it.each([
    ['no username', { sessionId: 's' }, 'githubUsername'],
    ['an empty username', { sessionId: 's', githubUsername: '' }, 'githubUsername'],
    ['a username GitHub would refuse', { sessionId: 's', githubUsername: 'a b' }, 'githubUsername'],
    ['neither id', { githubUsername: 'octocat' }, 'sessionId'],
    [
      'both ids',
      { sessionId: 's', conversationId: 'c', githubUsername: 'octocat' },
      'conversationId',
    ],
    ['an empty sessionId', { sessionId: '', githubUsername: 'octocat' }, 'sessionId'],
    [
      'an unknown conversation',
      { conversationId: 'never-used', githubUsername: 'octocat' },
      'conversationId',
    ],
  ])(
    'rejects %s with an InvalidArgumentError before any request',
    async (_name, options, argument) => {
      const robocoders = providerFor(emulator());
      const error = await robocoders
        .getSessionCode(options as Parameters<typeof robocoders.getSessionCode>[0])
        .catch((caught: unknown) => caught);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ argument });
      expect(emulator().requests).toEqual([]);
    },
  );

  it('rejects with the abort reason, before any request, when already aborted', async () => {
    const robocoders = providerFor(emulator());
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      robocoders.getSessionCode({
        sessionId: 's',
        githubUsername: 'octocat',
        abortSignal: controller.signal,
      }),
    ).rejects.toThrow('stop');
    expect(emulator().requests).toEqual([]);
    expect(chatBodies(emulator())).toEqual([]);
  });
});
