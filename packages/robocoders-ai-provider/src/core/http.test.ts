import { APICallError } from '@ai-sdk/provider';
import {
  createFakeRobocoders,
  type FakeReply,
  fakeJwt,
} from '../../test/test-utils/fake-robocoders';
import { readResponseText, responseHeaders, sendRequest } from './http';

const BASE = 'http://robocoders.test';
const TOKEN = fakeJwt(4_000_000_000, 'http-test');

/** A fake whose `/create-session` answers with `reply`, and a request for it with the token. */
function createSessionRequest(reply: (headers: Record<string, string>) => FakeReply) {
  const fake = createFakeRobocoders({ createSession: (call) => reply(call.headers) });
  const request = {
    fetch: fake.fetch,
    method: 'GET' as const,
    url: `${BASE}/create-session`,
    operation: 'GET /create-session',
    headers: {},
    token: TOKEN,
  };
  return { fake, request };
}

/** The rejection of `promise` (fails the test when it resolves). */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** A 200 response whose body delivers `first`, then fails with `error`. */
function breakingResponse(first: string, error: Error, headers: Record<string, string> = {}) {
  let sent = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent) {
        controller.error(error);
        return;
      }
      sent = true;
      controller.enqueue(new TextEncoder().encode(first));
    },
  });
  return new Response(body, { status: 200, headers });
}

describe('readResponseText', () => {
  it('returns the whole body of a response that ends cleanly', async () => {
    const { request } = createSessionRequest(() => ({
      chunks: ['{"sid": ', '"sid-7"}'],
      contentType: 'application/json',
    }));
    const response = await sendRequest(request);
    expect(await readResponseText(response, request)).toBe('{"sid": "sid-7"}');
  });

  it('turns a body that breaks mid-read into a retryable APICallError that says it broke off', async () => {
    const { request } = createSessionRequest(() => ({ chunks: ['{"sid": "ab'], end: 'cut' }));
    const response = await sendRequest(request);
    const error = await rejectionOf(readResponseText(response, request));

    expect(APICallError.isInstance(error)).toBe(true);
    const apiError = error as APICallError;
    expect(apiError.message).toBe(
      'Robocoders GET /create-session response broke off before its end: terminated',
    );
    expect(apiError.isRetryable).toBe(true);
    expect(apiError.statusCode).toBe(200);
    expect(apiError.url).toBe(`${BASE}/create-session`);
    expect(apiError.cause).toBeInstanceOf(TypeError);
  });

  it('removes the token from the read error', async () => {
    // A fetch replacement may name the request (and its header) in the error of a broken body.
    const response = breakingResponse(
      '<html>',
      new TypeError(`socket closed while reading (authorization: Bearer ${TOKEN})`),
    );
    const error = (await rejectionOf(
      readResponseText(response, { operation: 'GET /auth', url: `${BASE}/auth`, token: TOKEN }),
    )) as APICallError;

    expect(error.message).toBe(
      'Robocoders GET /auth response broke off before its end: socket closed while reading (authorization: Bearer [redacted])',
    );
    expect(error.isRetryable).toBe(true);
  });

  it('removes the token from the headers of a response that broke off', async () => {
    const { request } = createSessionRequest((headers) => ({
      chunks: ['{"sid": "ab'],
      end: 'cut',
      headers: { 'x-echo-authorization': headers.authorization },
    }));
    const response = await sendRequest(request);
    const error = (await rejectionOf(readResponseText(response, request))) as APICallError;

    expect(error.responseHeaders?.['x-echo-authorization']).toBe('Bearer [redacted]');
  });

  it('rethrows the abort reason, not an APICallError, when the call aborts mid-read', async () => {
    const controller = new AbortController();
    const { request } = createSessionRequest(() => ({ chunks: ['{"sid": '], end: 'hold' }));
    const response = await sendRequest({ ...request, signal: controller.signal });
    const reading = readResponseText(response, { ...request, signal: controller.signal });
    const reason = new DOMException('the user left', 'AbortError');
    controller.abort(reason);

    expect(await rejectionOf(reading)).toBe(reason);
  });
});

describe('token redaction of what the server echoes', () => {
  it('removes the token from the headers of an accepted response', async () => {
    const { request } = createSessionRequest((headers) => ({
      json: { sid: 'sid-1' },
      headers: { 'x-echo-authorization': headers.authorization, 'x-request-id': 'r-1' },
    }));
    const response = await sendRequest(request);
    // The raw response does echo it: the redaction below is what keeps it out.
    expect(response.headers.get('x-echo-authorization')).toBe(`Bearer ${TOKEN}`);

    const headers = responseHeaders(response);
    expect(headers['x-echo-authorization']).toBe('Bearer [redacted]');
    expect(headers['x-request-id']).toBe('r-1');
  });

  it('removes the token from the message, headers and body of a refused request', async () => {
    const { request } = createSessionRequest(() => ({
      status: 403,
      json: { detail: `token ${TOKEN} may not create sessions` },
      headers: { 'www-authenticate': `Bearer realm="robocoders", token="${TOKEN}"` },
    }));
    const error = (await rejectionOf(sendRequest(request))) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.message).toBe(
      'Robocoders GET /create-session failed with status 403: token [redacted] may not create sessions',
    );
    expect(error.responseHeaders?.['www-authenticate']).toBe(
      'Bearer realm="robocoders", token="[redacted]"',
    );
    expect(error.responseBody).toContain('[redacted]');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain(TOKEN);
  });

  it('removes the token from the error of a request that got no response', async () => {
    const error = (await rejectionOf(
      sendRequest({
        fetch: async () => {
          throw new TypeError(`fetch failed for Bearer ${TOKEN}`);
        },
        method: 'POST',
        url: `${BASE}/chat`,
        operation: 'POST /chat',
        headers: {},
        token: TOKEN,
        body: { sid: 'sid-1', prompt: 'hi', agent: 'RepoAgent' },
      }),
    )) as APICallError;

    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toBe(
      `Cannot connect to Robocoders (POST /chat ${BASE}/chat): fetch failed for Bearer [redacted]`,
    );
  });

  it('sends the token only in the authorization header, never next to a user one', async () => {
    const { fake, request } = createSessionRequest(() => ({ json: { sid: 'sid-1' } }));
    await sendRequest({ ...request, headers: { Authorization: 'Basic user', 'X-App': 'a' } });
    const [call] = fake.callsTo('/create-session');
    expect(call.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(call.headers['x-app']).toBe('a');
  });
});
