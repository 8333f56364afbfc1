import type { FaultSpec } from 'robocoders-emulator';
import type { RobocodersProviderSettings } from '../../src/shared/robocoders-settings';
import type { ProxyFault } from './fault-proxy';

/**
 * The fault matrix: what the provider does when each endpoint misbehaves in each way. It is
 * the test table of `fault-matrix.integration.test.ts` and, rendered by
 * `render-fault-matrix.ts`, the "Failure behaviour" section of the README, so the documentation
 * is exactly what the tests assert.
 *
 * Every row is one call: `GeneralCodingAgent`, a prompt that makes the agent pause at its step
 * budget (the emulator runs with `stepBudget: 2`), `maxContinuations: 1`, so a clean call is
 * `GET /auth`, `GET /create-session`, `POST /chat` (the first turn, ending in the pause) and a
 * second `POST /chat` with `continue` (the continuation, which finishes the task). The emulator
 * streams the OpenHands envelope (user echo, state changes, `null` observations) around the
 * agent's events, as a real OpenHands stream does.
 *
 * Every row runs through each entry of the package ({@link MATRIX_ENTRIES}) and asserts the same
 * outcome there, in that spec's shapes.
 */

/** Which request of the call the fault hits. */
export type MatrixEndpoint = '/auth' | '/create-session' | '/chat' | 'continuation';

export const MATRIX_ENDPOINTS: readonly MatrixEndpoint[] = [
  '/auth',
  '/create-session',
  '/chat',
  'continuation',
];

/** The package's entry points, each a spec version: `.` (V1, ai 4), `/v2` (ai 5), `/v3` (ai 6), `/v4` (ai 7). */
export type MatrixEntry = 'v1' | 'v2' | 'v3' | 'v4';

export const MATRIX_ENTRIES: readonly MatrixEntry[] = ['v1', 'v2', 'v3', 'v4'];

/** The import of each entry, for test names. */
export const ENTRY_IMPORT: Record<MatrixEntry, string> = {
  v1: 'robocoders-ai-provider',
  v2: 'robocoders-ai-provider/v2',
  v3: 'robocoders-ai-provider/v3',
  v4: 'robocoders-ai-provider/v4',
};

/** How a row's fault is produced. */
export type Injection =
  /** Faults queued on the emulator (several hit the same request). */
  | { emulator: FaultSpec | FaultSpec[] }
  /** A transport fault of the proxy in front of the emulator, and when the test aborts. */
  | { proxy: ProxyFault; abort?: 'when-engaged' | 'on-first-output' }
  /** `/auth` answers 200 with this page; `TOKEN` is replaced by a valid token. */
  | { authPage: string }
  /** The server forgets the session a `sessionId` call names. */
  | { forgottenSession: 'sessionId' }
  /** The server forgets the session remembered for a `conversationId`. */
  | { forgottenSession: 'conversationId' };

/** The error a row ends with, thrown by `doStream` or carried by an `error` part. */
export interface ExpectedError {
  /** Class name; `AbortError` is the runtime's DOMException. */
  type: 'APICallError' | 'LoadAPIKeyError' | 'InvalidResponseDataError' | 'AbortError';
  status?: number;
  /** `APICallError.isRetryable`, which decides whether ai's `maxRetries` retries it. */
  retryable?: boolean;
  /** A substring of the message. */
  message: string;
}

/** What the caller gets. */
export type ExpectedResult =
  /** The whole answer, finish `stop`. */
  | 'answer'
  /** `doStream` rejects (in `streamText`: the only part is `error`). */
  | 'throws'
  /** The stream carries an `error` part, then `finish` with reason `error`. */
  | 'error-part'
  /** The stream itself errors (an abort): reading it throws. */
  | 'stream-aborted';

/**
 * The text delivered: `all` (the whole answer), `none`, `first-turn` (exactly the answer up to
 * the pause), `partial` (a non-empty strict prefix of the first turn), `first-turn+partial`
 * (the first turn and part of the continuation). On `/v3` the agent's steps are tool calls, not
 * text, so "the answer" there is its text and tool calls in order (see `Observed.content`).
 */
export type ExpectedText = 'all' | 'none' | 'first-turn' | 'partial' | 'first-turn+partial';

/** Who repeats the failed request. */
export type ExpectedRetry =
  /** Nobody. */
  | 'no'
  /** ai, as `maxRetries` allows (the error is a retryable `APICallError`). */
  | 'ai'
  /** The provider itself: the token was rejected, so it fetches a new one and repeats once. */
  | 'provider'
  /** The provider itself: the service did not take the continuation (429, 503), after a pause. */
  | 'provider-continuation';

export interface FaultRow {
  endpoint: MatrixEndpoint;
  /** The fault's category (the matrix's column). */
  fault: string;
  /** What the server does, for the README. */
  server: string;
  inject: Injection;
  /** Provider settings of the row's call (e.g. a short `idleTimeoutMs`). */
  settings?: RobocodersProviderSettings;
  /**
   * For the main entry: `streamText` with `maxRetries: 1` (shows ai's retry), or `doStream`
   * once. The `/v2` and `/v3` entries run every row as one `doStream`.
   */
  via: 'doStream' | 'streamText';
  /**
   * What one `doStream` gives, where it differs from `expect` because ai's retry made the
   * call succeed: the retryable error ai retries. See {@link expectationFor}.
   */
  expectOnce?: RowExpectation;
  expect: RowExpectation;
}

/** What a row's call ends with. */
export interface RowExpectation {
  result: ExpectedResult;
  error?: ExpectedError;
  /** Finish reason and `providerMetadata.robocoders.rawFinishReason`, when there is a finish. */
  finish?: { reason: 'stop' | 'length' | 'error'; raw: string };
  text: ExpectedText;
  retry: ExpectedRetry;
  /** Requests the emulator received: `[/auth, /create-session, /chat]`. */
  requests: [number, number, number];
  /** Lines skipped as malformed were counted. */
  skippedLines?: boolean;
  /** A substring of the `other` warning of a fault the call recovered from. */
  warning?: string;
  /** The client closed the connection the server held (proxy or emulator log says so). */
  closedByClient?: boolean;
  /**
   * The continuation failed but the call kept the answer so far:
   * `providerMetadata.robocoders.continuationError` (its status, and a substring of its message).
   */
  continuationError?: { status?: number; message: string };
}

const CLEAN: [number, number, number] = [1, 1, 2];
const FINISH_STOP = { reason: 'stop', raw: 'awaiting_user_input' } as const;

const answer = (
  requests: [number, number, number] = CLEAN,
  extra: Partial<RowExpectation> = {},
): RowExpectation => ({
  result: 'answer',
  finish: FINISH_STOP,
  text: 'all',
  retry: 'no',
  requests,
  ...extra,
});

const throws = (
  error: ExpectedError,
  requests: [number, number, number],
  retry: ExpectedRetry = error.retryable ? 'ai' : 'no',
): RowExpectation => ({ result: 'throws', error, text: 'none', retry, requests });

/** A continuation that failed before its first event: the first turn stands, as paused. */
const keptFirstTurn = (
  continuationError: NonNullable<RowExpectation['continuationError']>,
  requests: [number, number, number] = CLEAN,
): RowExpectation => ({
  result: 'answer',
  finish: { reason: 'length', raw: 'max_iterations' },
  text: 'first-turn',
  retry: 'no',
  requests,
  continuationError,
});

/** The service did not take the continuation; the provider's own retry got the rest. */
const retriedContinuation = (): RowExpectation =>
  answer([1, 1, 3], { retry: 'provider-continuation' });

const OPERATION: Record<MatrixEndpoint, string> = {
  '/auth': 'GET /auth',
  '/create-session': 'GET /create-session',
  '/chat': 'POST /chat',
  continuation: 'POST /chat',
};

/** Requests made up to and including the failing one. */
const UNTIL: Record<MatrixEndpoint, [number, number, number]> = {
  '/auth': [1, 0, 0],
  '/create-session': [1, 1, 0],
  '/chat': [1, 1, 1],
  continuation: [1, 1, 2],
};

interface StatusFault {
  fault: string;
  status: number;
  body: string | object;
  headers?: Record<string, string>;
  server: string;
  /** Substring of the message after `failed with status N: `. */
  detail: string;
}

const VALIDATION_BODY = {
  detail: [{ type: 'missing', loc: ['body', 'prompt'], msg: 'Field required', input: null }],
};

const STATUS_FAULTS: StatusFault[] = [
  {
    fault: '401',
    status: 401,
    body: { detail: 'Could not validate credentials' },
    server: '401 `{"detail":"Could not validate credentials"}`',
    detail: 'Could not validate credentials',
  },
  {
    fault: '403',
    status: 403,
    body: { detail: 'Not enough permissions' },
    server: '403 `{"detail":"Not enough permissions"}`',
    detail: 'Not enough permissions',
  },
  {
    fault: '404',
    status: 404,
    body: { detail: 'Session not found' },
    server: '404 `{"detail":"Session not found"}`',
    detail: 'Session not found',
  },
  {
    fault: '409',
    status: 409,
    body: { detail: 'Session is busy' },
    server: '409 `{"detail":"Session is busy"}`',
    detail: 'Session is busy',
  },
  {
    fault: '422',
    status: 422,
    body: VALIDATION_BODY,
    server: '422 with a FastAPI validation list',
    detail: 'body.prompt: Field required',
  },
  {
    fault: '429',
    status: 429,
    body: { detail: 'Too many requests' },
    server: '429 `{"detail":"Too many requests"}`',
    detail: 'Too many requests',
  },
  {
    fault: '429 + Retry-After',
    status: 429,
    body: { detail: 'Too many requests' },
    headers: { 'retry-after': '3600' },
    server: '429 with `Retry-After: 3600`',
    detail: 'Too many requests',
  },
  {
    fault: '500',
    status: 500,
    body: { detail: 'Internal error' },
    server: '500 `{"detail":"Internal error"}`',
    detail: 'Internal error',
  },
  {
    fault: '502',
    status: 502,
    body: { detail: 'Bad gateway' },
    server: '502 `{"detail":"Bad gateway"}`',
    detail: 'Bad gateway',
  },
  {
    fault: '503',
    status: 503,
    body: { detail: 'Service unavailable' },
    server: '503 `{"detail":"Service unavailable"}`',
    detail: 'Service unavailable',
  },
  {
    fault: 'non-JSON error body',
    status: 500,
    body: 'upstream exploded',
    server: '500 with a `text/plain` body',
    detail: 'Internal Server Error',
  },
];

const RETRYABLE_STATUSES = new Set([408, 409, 429, 500, 502, 503, 504]);

/** Rows where ai retries and the call succeeds, to show ai's retry end to end. */
const VIA_STREAM_TEXT = new Set([
  '/auth 503',
  '/create-session 429 + Retry-After',
  '/chat 429',
  '/chat 401',
  '/chat 422',
  'continuation 503',
  '/chat connection cut mid-stream',
]);

function via(endpoint: MatrixEndpoint, fault: string): FaultRow['via'] {
  return VIA_STREAM_TEXT.has(`${endpoint} ${fault}`) ? 'streamText' : 'doStream';
}

function statusRow(endpoint: MatrixEndpoint, fault: StatusFault): FaultRow {
  // Only /chat names a session; elsewhere a 404 is FastAPI's plain one.
  const spec =
    fault.status === 404 && (endpoint === '/auth' || endpoint === '/create-session')
      ? {
          ...fault,
          body: { detail: 'Not Found' },
          server: '404 `{"detail":"Not Found"}`',
          detail: 'Not Found',
        }
      : fault;
  const target = endpoint === 'continuation' ? '/chat' : endpoint;
  const inject: Injection = {
    emulator: {
      endpoint: target,
      ...(endpoint === 'continuation' ? { skip: 1 } : {}),
      kind: 'status',
      status: spec.status,
      body: spec.body,
      ...(spec.headers ? { headers: spec.headers } : {}),
    },
  };
  const retryable = RETRYABLE_STATUSES.has(spec.status);
  const error: ExpectedError = {
    type: 'APICallError',
    status: spec.status,
    retryable,
    message: `Robocoders ${OPERATION[endpoint]} failed with status ${spec.status}: ${spec.detail}`,
  };
  let expect: RowExpectation;
  let expectOnce: RowExpectation | undefined;
  if (spec.status === 401 && endpoint !== '/auth') {
    // A fetched token was rejected: a new one is fetched and the request repeated once.
    const [auth, session, chat] = CLEAN;
    expect = answer(
      endpoint === '/create-session'
        ? [auth + 1, session + 1, chat]
        : [auth + 1, session, chat + 1],
      { retry: 'provider' },
    );
  } else if (endpoint === 'continuation') {
    // 429 and 503 say the service did not take it: retried after a pause, unless Retry-After
    // asks for more than the provider waits.
    expect =
      (spec.status === 429 || spec.status === 503) && spec.headers === undefined
        ? retriedContinuation()
        : keptFirstTurn({ status: spec.status, message: error.message });
  } else if (via(endpoint, spec.fault) === 'streamText' && retryable) {
    // ai retries the whole doStream: a new session for /create-session and /chat failures.
    const [auth, session, chat] = CLEAN;
    expect = answer(
      endpoint === '/auth'
        ? [auth + 1, session, chat]
        : endpoint === '/create-session'
          ? [auth, session + 1, chat]
          : [auth, session + 1, chat + 1],
      { retry: 'ai' },
    );
    expectOnce = throws(error, UNTIL[endpoint]);
  } else {
    expect = throws(error, UNTIL[endpoint]);
  }
  return {
    endpoint,
    fault: spec.fault,
    server: spec.server,
    inject,
    via: via(endpoint, spec.fault),
    ...(expectOnce ? { expectOnce } : {}),
    expect,
  };
}

const HTML_PAGE = '<!doctype html><html><body><h1>Sign in</h1><form></form></body></html>';

function bodyRows(endpoint: MatrixEndpoint): FaultRow[] {
  const target = endpoint === 'continuation' ? '/chat' : endpoint;
  const skip = endpoint === 'continuation' ? { skip: 1 } : {};
  const ok = (body: string, contentType: string): Injection => ({
    emulator: {
      endpoint: target,
      ...skip,
      kind: 'status',
      status: 200,
      body,
      headers: { 'content-type': contentType },
    },
  });
  const html = ok(HTML_PAGE, 'text/html; charset=utf-8');
  const empty = ok('', 'application/json');
  if (endpoint === '/auth') {
    const noToken: ExpectedError = {
      type: 'LoadAPIKeyError',
      message: 'has no token (no non-empty <pre id="token">)',
    };
    return [
      {
        endpoint,
        fault: 'HTML instead of JSON',
        server: '200 with a sign-in page that has no token',
        inject: html,
        via: 'doStream',
        expect: throws(noToken, UNTIL[endpoint]),
      },
      {
        endpoint,
        fault: 'empty body',
        server: '200 with an empty body',
        inject: empty,
        via: 'doStream',
        expect: throws(noToken, UNTIL[endpoint]),
      },
      {
        endpoint,
        fault: 'malformed lines',
        server: 'the token inside broken, unclosed markup',
        inject: {
          authPage:
            '<html><body><div><p>curl <pre>-H x</pre><pre id="token">\n  TOKEN  \n</pre><span></div></div><<<>>&bogus;<p',
        },
        via: 'doStream',
        expect: answer(),
      },
    ];
  }
  if (endpoint === '/create-session') {
    const notJson: ExpectedError = {
      type: 'InvalidResponseDataError',
      message: 'Robocoders GET /create-session returned a body that is not JSON',
    };
    return [
      {
        endpoint,
        fault: 'HTML instead of JSON',
        server: '200 with an HTML sign-in page',
        inject: html,
        via: 'doStream',
        expect: throws(notJson, UNTIL[endpoint]),
      },
      {
        endpoint,
        fault: 'empty body',
        server: '200 with an empty body',
        inject: empty,
        via: 'doStream',
        expect: throws(notJson, UNTIL[endpoint]),
      },
      {
        endpoint,
        fault: 'malformed lines',
        server: '200 with truncated JSON `{"sid": "ab`',
        inject: ok('{"sid": "ab', 'application/json'),
        via: 'doStream',
        expect: throws(notJson, UNTIL[endpoint]),
      },
    ];
  }
  const noEvents = (): RowExpectation =>
    endpoint === 'continuation'
      ? keptFirstTurn({ message: 'answered without a single agent event' })
      : {
          result: 'error-part',
          error: {
            type: 'APICallError',
            retryable: false,
            message: 'answered without a single agent event',
          },
          finish: { reason: 'error', raw: 'stream_error' },
          text: 'none',
          retry: 'no',
          requests: UNTIL[endpoint],
        };
  return [
    {
      endpoint,
      fault: 'HTML instead of JSON',
      server: '200 `text/html` sign-in page instead of the event stream',
      inject: html,
      via: 'doStream',
      expect: { ...noEvents(), skippedLines: true },
    },
    {
      endpoint,
      fault: 'empty body',
      server: '200 with an empty body',
      inject: empty,
      via: 'doStream',
      expect: noEvents(),
    },
    {
      endpoint,
      fault: 'malformed lines',
      server: 'a non-JSON line before every event',
      inject: { emulator: { endpoint: '/chat', ...skip, kind: 'malformed-lines' } },
      via: 'doStream',
      expect: answer(CLEAN, { skippedLines: true }),
    },
  ];
}

function transportRows(endpoint: MatrixEndpoint): FaultRow[] {
  const abortError: ExpectedError = { type: 'AbortError', message: 'aborted' };
  if (endpoint === '/auth' || endpoint === '/create-session') {
    const path = endpoint;
    const aborted = throws(abortError, UNTIL[endpoint], 'no');
    return [
      {
        endpoint,
        fault: 'byte-split',
        server: 'the body one byte per write',
        inject: { proxy: { path, kind: 'byte-split' } },
        via: 'doStream',
        expect: answer(),
      },
      {
        endpoint,
        fault: 'slow drip',
        server: 'the body in 4 pieces, 5 ms apart',
        inject: { proxy: { path, kind: 'slow-drip' } },
        via: 'doStream',
        expect: answer(),
      },
      {
        endpoint,
        fault: 'held-open stream',
        server: 'the whole body, but the response never ends (aborted by the test)',
        inject: { proxy: { path, kind: 'hold-open' }, abort: 'when-engaged' },
        via: 'doStream',
        expect: { ...aborted, closedByClient: true },
      },
      {
        endpoint,
        fault: 'connection cut mid-stream',
        server: 'headers and 8 bytes of the body, then the connection is destroyed',
        inject: { proxy: { path, kind: 'cut', afterBytes: 8 } },
        via: 'doStream',
        expect: throws(
          {
            type: 'APICallError',
            retryable: true,
            message: `Robocoders ${OPERATION[endpoint]} response broke off`,
          },
          UNTIL[endpoint],
        ),
      },
      {
        endpoint,
        fault: 'abort',
        server: 'no answer yet when the call is aborted',
        inject: { proxy: { path, kind: 'stall' }, abort: 'when-engaged' },
        via: 'doStream',
        expect: { ...aborted, closedByClient: true },
      },
    ];
  }
  const skip = endpoint === 'continuation' ? { skip: 1 } : {};
  const rows: FaultRow[] = [
    {
      endpoint,
      fault: 'byte-split',
      server: 'the stream in 1-byte writes, splitting UTF-8 characters',
      inject: { emulator: { endpoint: '/chat', ...skip, kind: 'byte-split', maxChunkBytes: 1 } },
      via: 'doStream',
      expect: answer(),
    },
    {
      endpoint,
      fault: 'SSE framing',
      server: '`text/event-stream`, `data: {...}` per event',
      inject: { emulator: { endpoint: '/chat', ...skip, kind: 'sse' } },
      via: 'doStream',
      expect: answer(),
    },
    {
      endpoint,
      fault: 'slow drip',
      server: 'each event in 4 pieces, 2 ms apart',
      inject: { emulator: { endpoint: '/chat', ...skip, kind: 'slow-drip', delayMs: 2 } },
      via: 'doStream',
      expect: answer(),
    },
  ];
  if (endpoint === '/chat') {
    rows.push(
      {
        endpoint,
        fault: 'held-open stream',
        server: 'all events, then the response stays open',
        inject: { proxy: { path: '/chat', kind: 'hold-open' } },
        via: 'doStream',
        expect: answer(CLEAN, { closedByClient: true }),
      },
      {
        endpoint,
        fault: 'connection cut mid-stream',
        server: 'the connection is destroyed after 8 events (6 of the envelope, 2 of the agent)',
        inject: { emulator: { endpoint: '/chat', kind: 'cut', afterEvents: 8 } },
        via: via(endpoint, 'connection cut mid-stream'),
        expect: {
          result: 'error-part',
          error: { type: 'APICallError', retryable: false, message: 'broke after 8 events' },
          finish: { reason: 'error', raw: 'stream_error' },
          text: 'partial',
          retry: 'no',
          requests: [1, 1, 1],
        },
      },
      {
        endpoint,
        fault: 'abort',
        server:
          'the stream stays open; the call is aborted when the first text (`/v3`: the first tool call) arrives',
        inject: { proxy: { path: '/chat', kind: 'hold-open' }, abort: 'on-first-output' },
        via: 'doStream',
        expect: {
          result: 'stream-aborted',
          error: abortError,
          text: 'partial',
          retry: 'no',
          requests: [1, 1, 1],
          closedByClient: true,
        },
      },
    );
  } else {
    rows.push(
      {
        endpoint,
        fault: 'held-open stream',
        server: 'after the final wait event the response stays open',
        inject: { emulator: { endpoint: '/chat', skip: 1, kind: 'hold-open' } },
        via: 'doStream',
        expect: answer(CLEAN, { closedByClient: true }),
      },
      {
        endpoint,
        fault: 'connection cut mid-stream',
        server: 'the connection is destroyed after 4 events (3 of the envelope, 1 of the agent)',
        inject: { emulator: { endpoint: '/chat', skip: 1, kind: 'cut', afterEvents: 4 } },
        via: 'doStream',
        expect: {
          result: 'error-part',
          error: { type: 'APICallError', retryable: false, message: 'broke after' },
          finish: { reason: 'error', raw: 'stream_error' },
          text: 'first-turn+partial',
          retry: 'no',
          requests: CLEAN,
        },
      },
      {
        endpoint,
        fault: 'connection cut before any event',
        server: 'headers, then the connection is destroyed',
        inject: { emulator: { endpoint: '/chat', skip: 1, kind: 'cut', afterEvents: 0 } },
        via: 'doStream',
        expect: keptFirstTurn({ message: 'broke before its first event' }),
      },
      {
        endpoint,
        fault: 'abort',
        server: 'no answer yet when the call is aborted',
        inject: { proxy: { path: '/chat', skip: 1, kind: 'stall' }, abort: 'when-engaged' },
        via: 'doStream',
        expect: {
          result: 'stream-aborted',
          error: abortError,
          text: 'first-turn',
          retry: 'no',
          requests: CLEAN,
          closedByClient: true,
        },
      },
    );
  }
  return rows;
}

function sessionRows(): FaultRow[] {
  return [
    {
      endpoint: '/chat',
      fault: '404 (expired `sessionId`)',
      server: 'the session named by `sessionId` was forgotten',
      inject: { forgottenSession: 'sessionId' },
      via: 'doStream',
      // As for a conversation: a new session that gets the whole conversation, and a warning.
      expect: answer([0, 1, 3], { warning: 'is unknown to the service (404: Session not found)' }),
    },
    {
      endpoint: '/chat',
      fault: '404 (expired `conversationId` session)',
      server: "the conversation's remembered session was forgotten",
      inject: { forgottenSession: 'conversationId' },
      via: 'doStream',
      // The 404 is answered with a new session that gets the whole conversation.
      expect: answer([0, 1, 3], { warning: 'is unknown to the service (404: Session not found)' }),
    },
  ];
}

/** Idle timeout and event bound of the rows that need them: small, so the rows are quick. */
const IDLE_TIMEOUT_MS = 300;
const MAX_EVENT_BYTES = 65_536;

/**
 * The edges of the event stream: framing that contradicts its label, the pause announced by the
 * error observation alone, a silent stream, a line that never ends. Events are counted with
 * the envelope: 6 before the agent's first on a new session, 3 on a continuation.
 */
function streamEdgeRows(endpoint: MatrixEndpoint): FaultRow[] {
  if (endpoint !== '/chat' && endpoint !== 'continuation') return [];
  const first = endpoint === '/chat';
  const skip = first ? {} : { skip: 1 };
  const agentEvents = (count: number) => (first ? 6 : 3) + count;
  const partial: ExpectedText = first ? 'partial' : 'first-turn+partial';
  const rows: FaultRow[] = [
    {
      endpoint,
      fault: 'NDJSON labelled SSE',
      server: 'NDJSON lines under `Content-Type: text/event-stream`',
      inject: { emulator: { endpoint: '/chat', ...skip, kind: 'mislabelled-framing' } },
      via: 'doStream',
      expect: answer(),
    },
    {
      endpoint,
      fault: 'SSE labelled NDJSON',
      server: '`data:` frames under `Content-Type: application/x-ndjson`',
      inject: {
        emulator: [
          { endpoint: '/chat', ...skip, kind: 'sse' },
          { endpoint: '/chat', ...skip, kind: 'mislabelled-framing' },
        ],
      },
      via: 'doStream',
      expect: answer(),
    },
  ];
  if (first) {
    rows.push({
      endpoint,
      fault: 'pause announced by the error alone',
      server:
        'the max-iteration `error` observation without `agent_state_changed: paused`; the stream stays open',
      inject: { emulator: { endpoint: '/chat', kind: 'pause-error-only' } },
      via: 'doStream',
      expect: answer(),
    });
  }
  rows.push(
    {
      endpoint,
      fault: 'no response',
      server: 'the request is taken, the response never starts',
      inject: { proxy: { path: '/chat', ...skip, kind: 'stall' } },
      settings: { idleTimeoutMs: IDLE_TIMEOUT_MS },
      via: 'doStream',
      // The service may have taken the prompt: not retried. A continuation that never answered
      // failed as a whole, so the first turn stands.
      expect: first
        ? {
            ...throws(
              {
                type: 'APICallError',
                retryable: false,
                message: `sent nothing for ${IDLE_TIMEOUT_MS} ms (idleTimeoutMs)`,
              },
              UNTIL[endpoint],
            ),
            closedByClient: true,
          }
        : {
            ...keptFirstTurn({ message: `sent nothing for ${IDLE_TIMEOUT_MS} ms (idleTimeoutMs)` }),
            closedByClient: true,
          },
    },
    {
      endpoint,
      fault: 'silent stream',
      server: `after ${agentEvents(1)} events nothing more, the connection open`,
      inject: {
        emulator: { endpoint: '/chat', ...skip, kind: 'stall', afterEvents: agentEvents(1) },
      },
      settings: { idleTimeoutMs: IDLE_TIMEOUT_MS },
      via: 'doStream',
      expect: {
        result: 'error-part',
        error: {
          type: 'APICallError',
          retryable: false,
          message: `sent nothing for ${IDLE_TIMEOUT_MS} ms (idleTimeoutMs)`,
        },
        finish: { reason: 'error', raw: 'idle_timeout' },
        text: partial,
        retry: 'no',
        requests: UNTIL[endpoint],
        closedByClient: true,
      },
    },
    {
      endpoint,
      fault: 'endless line',
      server: `after ${agentEvents(1)} events a line that never ends (64 KiB writes)`,
      inject: {
        emulator: { endpoint: '/chat', ...skip, kind: 'endless-line', afterEvents: agentEvents(1) },
      },
      settings: { maxEventBytes: MAX_EVENT_BYTES },
      via: 'doStream',
      expect: {
        result: 'error-part',
        error: {
          type: 'APICallError',
          retryable: false,
          message: `longer than ${MAX_EVENT_BYTES} bytes (maxEventBytes)`,
        },
        finish: { reason: 'error', raw: 'event_too_large' },
        text: partial,
        retry: 'no',
        requests: UNTIL[endpoint],
        closedByClient: true,
      },
    },
  );
  return rows;
}

function rowsFor(endpoint: MatrixEndpoint): FaultRow[] {
  const rows = [
    ...STATUS_FAULTS.map((spec) => statusRow(endpoint, spec)),
    ...bodyRows(endpoint),
    ...transportRows(endpoint),
    ...streamEdgeRows(endpoint),
  ];
  if (endpoint === '/chat') rows.splice(3, 0, ...sessionRows());
  return rows;
}

/** Every row, grouped by endpoint in {@link MATRIX_ENDPOINTS} order. */
export const FAULT_MATRIX: readonly FaultRow[] = MATRIX_ENDPOINTS.flatMap(rowsFor);

/** Faults that do not exist on an endpoint, with the reason (rendered below the table). */
export const NOT_APPLICABLE: ReadonlyArray<{
  endpoint: MatrixEndpoint;
  fault: string;
  why: string;
}> = [
  {
    endpoint: '/auth',
    fault: 'SSE framing',
    why: 'the token page is HTML, read whole',
  },
  {
    endpoint: '/create-session',
    fault: 'SSE framing',
    why: 'the session id is one JSON object, read whole',
  },
];

/**
 * What the row asserts when its call is driven `via` the given way: one `doStream` (every row
 * of the `/v2` and `/v3` entries) or as the row says (the main entry).
 */
export function expectationFor(row: FaultRow, via: FaultRow['via'] = row.via): RowExpectation {
  return via === 'doStream' ? (row.expectOnce ?? row.expect) : row.expect;
}

/** A stable id of a row, for test names. */
export function rowName(row: FaultRow): string {
  return `${row.endpoint} × ${row.fault}`;
}
