import { APICallError } from '@ai-sdk/provider';
import { type RunningEmulator, startEmulator } from 'robocoders-emulator';
import { FAULT_MATRIX, type FaultRow, rowName } from './fault-matrix';
import { type FaultProxy, startFaultProxy } from './fault-proxy';
import {
  type CallPlan,
  MATRIX_AGENT,
  matrixProvider,
  type Observed,
  requestCounts,
  runDoStream,
  runStreamText,
  serialiseDeep,
  settle,
} from './matrix-harness';

/** Tokens seen during the suite; the security test searches every exposed value for them. */
const tokens = new Set<string>();

describe('fault matrix', () => {
  let emulator: RunningEmulator;
  let proxy: FaultProxy;
  let fullText: string;
  let firstTurn: string;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, paceMs: 0, stepBudget: 2 });
    proxy = await startFaultProxy(emulator.url);
    const clean = await runDoStream(matrixProvider(emulator.url)(MATRIX_AGENT));
    const paused = await runDoStream(
      matrixProvider(emulator.url, { maxContinuations: 0 })(MATRIX_AGENT),
    );
    fullText = clean.text;
    firstTurn = paused.text;
    // The scenario the table describes: a pause, then a continuation that finishes the task.
    expect(clean.finishReason).toBe('stop');
    expect(paused.rawFinishReason).toBe('max_iterations');
    expect(fullText.startsWith(`${firstTurn}\n\n`)).toBe(true);
  });

  afterAll(async () => {
    await proxy?.close();
    await emulator?.close();
  });

  beforeEach(() => {
    emulator.clearFaults();
    emulator.clearRequests();
    proxy.reset();
  });

  afterEach(async () => {
    for (const entry of emulator.requests) if (entry.bearer) tokens.add(entry.bearer);
    // Whatever happened, no request may be left open on either server.
    await settle(
      () => emulator.requests.every((entry) => entry.endedAt !== undefined) && proxy.idle(),
      'every request of the call ended',
    );
  });

  /** Sets the row's fault up and runs its call. */
  async function run(row: FaultRow): Promise<Observed> {
    const { inject } = row;
    let baseURL = emulator.url;
    const plan: CallPlan = {};
    if ('emulator' in inject) emulator.fault(inject.emulator);
    if ('proxy' in inject) {
      proxy.fault(inject.proxy);
      baseURL = proxy.url;
      if (inject.abort === 'when-engaged') {
        plan.abortWhen = proxy.engaged(inject.proxy.path, inject.proxy.skip ?? 0);
      }
      plan.abortOnFirstText = inject.abort === 'on-first-text';
    }
    if ('authPage' in inject) {
      const token = await emulator.issueToken();
      emulator.fault({
        endpoint: '/auth',
        kind: 'status',
        status: 200,
        body: inject.authPage.replace('TOKEN', token),
        headers: { 'content-type': 'text/html; charset=utf-8' },
      });
    }
    const provider = matrixProvider(baseURL);
    const model = provider(MATRIX_AGENT);
    if ('forgottenSession' in inject) {
      const conversation = inject.forgottenSession === 'conversationId';
      const providerOptions = conversation
        ? { robocoders: { conversationId: 'matrix-conversation' } }
        : undefined;
      const first = await runDoStream(model, { providerOptions });
      const sid = emulator.requests.find((entry) => entry.path === '/chat')?.body as {
        sid: string;
      };
      expect(first.finishReason).toBe('stop');
      emulator.forgetSession(sid.sid);
      emulator.clearRequests();
      plan.providerOptions = conversation
        ? providerOptions
        : { robocoders: { sessionId: sid.sid } };
    }
    return row.via === 'streamText' ? runStreamText(model, plan) : runDoStream(model, plan);
  }

  function errorOf(observed: Observed, row: FaultRow): unknown {
    switch (row.expect.result) {
      case 'throws':
        return observed.thrown;
      case 'error-part':
        return observed.errorPart;
      case 'stream-aborted':
        return observed.streamError;
      default:
        return undefined;
    }
  }

  function checkText(observed: Observed, row: FaultRow) {
    const { text } = observed;
    switch (row.expect.text) {
      case 'all':
        expect(text).toBe(fullText);
        break;
      case 'none':
        expect(text).toBe('');
        break;
      case 'first-turn':
        expect(text).toBe(firstTurn);
        break;
      case 'partial':
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThan(firstTurn.length);
        expect(firstTurn.startsWith(text)).toBe(true);
        break;
      case 'first-turn+partial':
        expect(text.startsWith(`${firstTurn}\n\n`)).toBe(true);
        expect(text.length).toBeLessThan(fullText.length);
        expect(fullText.startsWith(text)).toBe(true);
        break;
    }
  }

  it.each(FAULT_MATRIX.map((row) => [rowName(row), row] as const))(
    '%s',
    async (_name, row) => {
      const observed = await run(row);
      const { expect: expected } = row;

      // Exactly one way of ending.
      expect({
        thrown: observed.thrown !== undefined,
        errorPart: observed.errorPart !== undefined,
        streamError: observed.streamError !== undefined,
      }).toEqual({
        thrown: expected.result === 'throws',
        errorPart: expected.result === 'error-part',
        streamError: expected.result === 'stream-aborted',
      });

      const error = errorOf(observed, row);
      if (expected.error) {
        const { type, status, retryable, message } = expected.error;
        expect(error).toBeInstanceOf(Error);
        const actual = error as Error;
        expect(actual.name).toBe(type === 'AbortError' ? 'AbortError' : `AI_${type}`);
        expect(actual.message).toContain(message);
        if (type === 'APICallError') {
          expect(APICallError.isInstance(actual)).toBe(true);
          const apiError = actual as APICallError;
          if (status !== undefined) expect(apiError.statusCode).toBe(status);
          expect(apiError.isRetryable).toBe(retryable);
          if (row.fault === '429 + Retry-After') {
            expect(apiError.responseHeaders?.['retry-after']).toBe('3600');
          }
        }
        // ai retries exactly the retryable APICallErrors thrown before the stream.
        expect(expected.retry === 'ai').toBe(
          expected.result === 'throws' && APICallError.isInstance(actual) && actual.isRetryable,
        );
      }

      if (expected.finish) {
        expect(observed.finishReason).toBe(expected.finish.reason);
        expect(observed.rawFinishReason).toBe(expected.finish.raw);
      } else {
        expect(observed.finishReason).toBeUndefined();
      }
      checkText(observed, row);
      if (expected.skippedLines) expect(observed.skippedLines).toBeGreaterThan(0);
      else if (observed.skippedLines !== undefined) expect(observed.skippedLines).toBe(0);

      expect(requestCounts(emulator)).toEqual(expected.requests);

      if (expected.closedByClient) {
        await settle(
          () => emulator.requests.every((entry) => entry.endedAt !== undefined) && proxy.idle(),
          'the held connection closed',
        );
        const closed =
          proxy.requests.some((entry) => entry.fault !== undefined && entry.clientClosed) ||
          emulator.requests.some((entry) => entry.path === '/chat' && entry.clientAborted);
        expect(closed).toBe(true);
      }

      for (const entry of emulator.requests) if (entry.bearer) tokens.add(entry.bearer);
      const serialised = serialiseDeep(observed.exposed);
      for (const token of tokens) expect(serialised).not.toContain(token);
    },
    30_000,
  );

  it('never exposed a token anywhere in the matrix', () => {
    // The per-row checks above ran against every token issued so far; make sure there were some.
    expect(tokens.size).toBeGreaterThan(1);
  });
});
