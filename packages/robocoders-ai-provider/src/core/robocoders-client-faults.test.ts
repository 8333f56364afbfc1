import { APICallError, InvalidResponseDataError, LoadAPIKeyError } from '@ai-sdk/provider';
import {
  authPage,
  createFakeRobocoders,
  type FakeReply,
  fakeJwt,
} from '../../test/test-utils/fake-robocoders';
import { RobocodersClient, type RunTurnOptions } from './robocoders-client';
import { createMemoryStore } from './robocoders-store';

// Bodies that break while they arrive, before the answer streams: the request may simply be
// repeated, so they are retryable, unlike a complete body that makes no sense.

const BASE = 'http://robocoders.test';
const TOKEN = fakeJwt(4_000_000_000, 'faults-test');

function setup(handlers: { auth?: () => FakeReply; createSession?: () => FakeReply }) {
  const fake = createFakeRobocoders({
    auth: handlers.auth ?? (() => ({ text: authPage(TOKEN) })),
    createSession: handlers.createSession,
  });
  const client = new RobocodersClient({
    baseURL: BASE,
    apiKey: () => undefined,
    headers: () => ({}),
    fetch: fake.fetch,
    store: createMemoryStore(),
  });
  return { fake, client };
}

const OPTIONS: RunTurnOptions = {
  agent: 'RepoAgent',
  prompt: { full: () => 'FULL PROMPT', newTurns: () => 'NEW TURNS' },
  maxContinuations: 0,
  continuePrompt: 'continue',
  continueOnWait: false,
  agentSteps: 'text',
  idleTimeoutMs: 600_000,
  maxEventBytes: 16 * 1024 * 1024,
};

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('RobocodersClient: bodies that break before the answer streams', () => {
  it('turns a /create-session body cut mid-read into a retryable APICallError', async () => {
    const { fake, client } = setup({
      createSession: () => ({ chunks: ['{"sid": "ab'], end: 'cut' }),
    });
    const error = await rejectionOf(client.runTurn(OPTIONS));

    // Not InvalidResponseDataError: the JSON is incomplete because the connection broke.
    expect(InvalidResponseDataError.isInstance(error)).toBe(false);
    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.message).toBe(
      'Robocoders GET /create-session response broke off before its end: terminated',
    );
    expect(apiError.isRetryable).toBe(true);
    expect(apiError.statusCode).toBe(200);
    expect(fake.callsTo('/chat')).toHaveLength(0);
  });

  it('keeps a complete /create-session body that is not JSON an InvalidResponseDataError', async () => {
    const { client } = setup({
      createSession: () => ({ chunks: ['{"sid": "ab'], end: 'close' }),
    });
    const error = await rejectionOf(client.runTurn(OPTIONS));
    expect(InvalidResponseDataError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      'Robocoders GET /create-session returned a body that is not JSON',
    );
  });

  it('removes the token from the headers of a /create-session body that broke off', async () => {
    const { client } = setup({
      createSession: () => ({
        chunks: ['{"sid": "ab'],
        end: 'cut',
        headers: { 'x-echo': `Bearer ${TOKEN}` },
      }),
    });
    const error = (await rejectionOf(client.runTurn(OPTIONS))) as APICallError;
    expect(error.responseHeaders?.['x-echo']).toBe('Bearer [redacted]');
  });

  it('keeps the token out of a /create-session body error that quotes the request headers', async () => {
    const fake = createFakeRobocoders({ auth: () => ({ text: authPage(TOKEN) }) });
    // A custom fetch whose body error quotes the request's authorization header.
    const quotingFetch: typeof fetch = async (input, init) => {
      const url = String(input);
      if (!url.endsWith('/create-session')) return fake.fetch(input, init);
      const authorization = new Headers(init?.headers).get('authorization') ?? '';
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.error(new TypeError(`socket hang up (authorization: ${authorization})`));
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const client = new RobocodersClient({
      baseURL: BASE,
      apiKey: () => undefined,
      headers: () => ({}),
      fetch: quotingFetch,
      store: createMemoryStore(),
    });
    const error = (await rejectionOf(client.runTurn(OPTIONS))) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.message).toBe(
      'Robocoders GET /create-session response broke off before its end: socket hang up (authorization: Bearer [redacted])',
    );
    const cause = error.cause as Error;
    expect(cause.name).toBe('TypeError');
    expect(cause.message).toContain('[redacted]');
    const serialised =
      JSON.stringify(error, ['message', 'cause', 'stack', 'name']) + String(cause.stack);
    expect(serialised).not.toContain(TOKEN);
  });

  it('turns an /auth page cut mid-read into a retryable APICallError, not a missing token', async () => {
    const { fake, client } = setup({
      auth: () => ({
        chunks: ['<html><body><pre id="token">', TOKEN.slice(0, 10)],
        end: 'cut',
        contentType: 'text/html',
      }),
    });
    const error = await rejectionOf(client.runTurn(OPTIONS));

    expect(LoadAPIKeyError.isInstance(error)).toBe(false);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe(
      'Robocoders GET /auth response broke off before its end: terminated',
    );
    expect((error as APICallError).isRetryable).toBe(true);
    expect(fake.callsTo('/create-session')).toHaveLength(0);
  });

  it('succeeds on the next call once the /create-session body arrives whole', async () => {
    let calls = 0;
    const { client } = setup({
      createSession: () =>
        calls++ === 0 ? { chunks: ['{"si'], end: 'cut' } : { json: { sid: 'sid-2' } },
    });
    await expect(client.runTurn(OPTIONS)).rejects.toMatchObject({ isRetryable: true });
    // What ai's retry does: the same call again, with the token already fetched.
    const turn = await client.runTurn(OPTIONS);
    expect(turn.sessionId).toBe('sid-2');
    await turn.stream.cancel();
  });
});
