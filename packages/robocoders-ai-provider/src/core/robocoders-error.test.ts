import { APICallError } from '@ai-sdk/provider';
import {
  createConnectionError,
  createResponseError,
  isUnknownSessionError,
  redactSecret,
  renderErrorDetail,
} from './robocoders-error';

const request = {
  operation: 'POST /chat',
  url: 'http://x.test/chat',
  requestBodyValues: { sid: 's' },
};

describe('renderErrorDetail', () => {
  it('renders a string detail as is and a FastAPI list readably', () => {
    expect(renderErrorDetail('Session not found')).toBe('Session not found');
    expect(
      renderErrorDetail([
        { type: 'missing', loc: ['body', 'sid'], msg: 'Field required' },
        { type: 'enum', loc: ['body', 'agent'], msg: "Input should be 'RepoAgent'" },
      ]),
    ).toBe("body.sid: Field required; body.agent: Input should be 'RepoAgent'");
    expect(renderErrorDetail(undefined)).toBeUndefined();
    expect(renderErrorDetail([])).toBeUndefined();
  });
});

describe('createResponseError', () => {
  it('puts the detail in the message and follows the default retryability', async () => {
    const error = await createResponseError(
      new Response('{"detail":"Could not validate credentials"}', { status: 401 }),
      request,
    );
    expect(error.message).toBe(
      'Robocoders POST /chat failed with status 401: Could not validate credentials',
    );
    expect(error.statusCode).toBe(401);
    expect(error.isRetryable).toBe(false);
    expect(error.requestBodyValues).toEqual({ sid: 's' });

    for (const [status, retryable] of [
      [408, true],
      [409, true],
      [429, true],
      [503, true],
      [403, false],
      [404, false],
      [422, false],
    ] as const) {
      const result = await createResponseError(new Response('', { status }), request);
      expect(result.isRetryable, String(status)).toBe(retryable);
    }
  });

  it('falls back to the status text or the body when there is no detail', async () => {
    const error = await createResponseError(
      new Response('<h1>Bad gateway</h1>', { status: 502, statusText: 'Bad Gateway' }),
      request,
    );
    expect(error.message).toContain('502: Bad Gateway');
    expect(error.responseBody).toBe('<h1>Bad gateway</h1>');
  });

  it('removes the token from an echoed body', async () => {
    const error = await createResponseError(
      new Response('{"detail":"bad token secret-token-1"}', { status: 401 }),
      { ...request, token: 'secret-token-1' },
    );
    expect(JSON.stringify(error)).not.toContain('secret-token-1');
    expect(error.message).toContain('[redacted]');
  });
});

describe('createConnectionError', () => {
  it('is retryable and names the request', () => {
    const error = createConnectionError(request, new TypeError('fetch failed'));
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('POST /chat');
    expect(error.message).toContain('fetch failed');
  });
});

describe('isUnknownSessionError', () => {
  const make = (statusCode: number, data?: unknown) =>
    new APICallError({ message: 'x', url: 'u', requestBodyValues: {}, statusCode, data });

  it('recognises 404, 410 and a 422 on sid', () => {
    expect(isUnknownSessionError(make(404))).toBe(true);
    expect(isUnknownSessionError(make(410))).toBe(true);
    expect(
      isUnknownSessionError(
        make(422, { detail: [{ loc: ['body', 'sid'], msg: 'Unknown session' }] }),
      ),
    ).toBe(true);
    expect(
      isUnknownSessionError(make(422, { detail: [{ loc: ['body', 'agent'], msg: 'bad agent' }] })),
    ).toBe(false);
    expect(isUnknownSessionError(make(500))).toBe(false);
  });
});

describe('redactSecret', () => {
  it('replaces every occurrence and leaves text alone without a secret', () => {
    expect(redactSecret('a tok b tok', 'tok')).toBe('a [redacted] b [redacted]');
    expect(redactSecret('a tok', undefined)).toBe('a tok');
  });
});
