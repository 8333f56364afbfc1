import { APICallError } from '@ai-sdk/provider';
import { type RunningEmulator, startEmulator } from 'robocoders-emulator';
import {
  ENTRY_IMPORT,
  type ExpectedRetry,
  expectationFor,
  FAULT_MATRIX,
  type FaultRow,
  MATRIX_ENTRIES,
  type RowExpectation,
  rowName,
} from './fault-matrix';
import { type FaultProxy, startFaultProxy } from './fault-proxy';
import {
  type CallPlan,
  matrixModel,
  type Observed,
  requestCounts,
  runDoStream,
  runStreamText,
  serialiseDeep,
  settle,
} from './matrix-harness';

/** Tokens seen during the suite; every row searches everything its call exposed for them. */
const tokens = new Set<string>();

let emulator: RunningEmulator;
let proxy: FaultProxy;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, paceMs: 0, stepBudget: 2 });
  proxy = await startFaultProxy(emulator.url);
});

afterAll(async () => {
  await proxy?.close();
  await emulator?.close();
});

// The main entry runs the rows as the table says (some through ai 4's streamText); `/v2` and
// `/v3`, `/v4` run every row as one doStream of their model and assert the same outcome.
describe.each(MATRIX_ENTRIES.map((entry) => [ENTRY_IMPORT[entry], entry] as const))(
  'fault matrix through %s',
  (_import, entry) => {
    /** The clean call (`full`) and the call that stops at the pause (`firstTurn`). */
    const clean = {} as Record<'full' | 'firstTurn', Observed>;

    beforeAll(async () => {
      clean.full = await runDoStream(matrixModel(entry, emulator.url));
      clean.firstTurn = await runDoStream(
        matrixModel(entry, emulator.url, { maxContinuations: 0 }),
      );
      // The scenario the table describes: a pause, then a continuation that finishes the task.
      expect(clean.full.finishReason).toBe('stop');
      expect(clean.firstTurn.rawFinishReason).toBe('max_iterations');
      expect(clean.full.content.startsWith(clean.firstTurn.content)).toBe(true);
      expect(clean.full.content.length).toBeGreaterThan(clean.firstTurn.content.length);
      if (entry === 'v3' || entry === 'v4') {
        // The agent's steps are tool calls there, so the first turn has some before its text.
        expect(clean.firstTurn.content).toMatch(/^⟦tool-call:/);
      } else {
        // V1, and V2 without declared tools, have the steps in the text.
        expect(clean.full.content).toBe(clean.full.text);
        expect(clean.full.text.startsWith(`${clean.firstTurn.text}\n\n`)).toBe(true);
      }
      if (entry === 'v2') {
        // The same text as the main entry.
        const v1 = await runDoStream(matrixModel('v1', emulator.url));
        expect(clean.full.text).toBe(v1.text);
      }
    });

    beforeEach(() => {
      emulator.clearFaults();
      emulator.clearRequests();
      proxy.reset();
    });

    afterEach(async () => {
      for (const request of emulator.requests) if (request.bearer) tokens.add(request.bearer);
      // Whatever happened, no request may be left open on either server.
      await settle(
        () => emulator.requests.every((request) => request.endedAt !== undefined) && proxy.idle(),
        'every request of the call ended',
      );
    });

    /** Sets the row's fault up and runs its call. */
    async function run(row: FaultRow): Promise<Observed> {
      const { inject } = row;
      let baseURL = emulator.url;
      const plan: CallPlan = {};
      if ('emulator' in inject) {
        for (const fault of [inject.emulator].flat()) emulator.fault(fault);
      }
      if ('proxy' in inject) {
        proxy.fault(inject.proxy);
        baseURL = proxy.url;
        if (inject.abort === 'when-engaged') {
          plan.abortWhen = proxy.engaged(inject.proxy.path, inject.proxy.skip ?? 0);
        }
        plan.abortOnFirstOutput = inject.abort === 'on-first-output';
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
      const model = matrixModel(entry, baseURL, row.settings);
      if ('forgottenSession' in inject) {
        const conversation = inject.forgottenSession === 'conversationId';
        const providerOptions = conversation
          ? { robocoders: { conversationId: 'matrix-conversation' } }
          : undefined;
        const first = await runDoStream(model, { providerOptions });
        const sid = emulator.requests.find((request) => request.path === '/chat')?.body as {
          sid: string;
        };
        expect(first.finishReason).toBe('stop');
        emulator.forgetSession(sid.sid);
        emulator.clearRequests();
        plan.providerOptions = conversation
          ? providerOptions
          : { robocoders: { sessionId: sid.sid } };
      }
      if (via(row) === 'streamText' && model.specificationVersion === 'v1') {
        return runStreamText(model, plan);
      }
      return runDoStream(model, plan);
    }

    const via = (row: FaultRow): FaultRow['via'] => (entry === 'v1' ? row.via : 'doStream');

    /**
     * Who repeated the failed request, from what the call did: ai called `doStream` again (a
     * `streamText` run), or a single `doStream` threw what ai's `maxRetries` repeats (a retryable
     * `APICallError`), or the emulator saw a request refused with 401 sent again (a new token),
     * or a continuation refused with 429 or 503 sent again.
     */
    function retriedBy(observed: Observed): ExpectedRetry {
      if (observed.modelCalls !== undefined ? observed.modelCalls > 1 : isRetryable(observed)) {
        return 'ai';
      }
      const { requests } = emulator;
      const sentAgain = (statuses: number[]) => {
        const refused = requests.findIndex((request) => statuses.includes(request.status));
        return (
          refused >= 0 &&
          requests.slice(refused + 1).some((request) => request.path === requests[refused]?.path)
        );
      };
      if (sentAgain([401])) return 'provider';
      return sentAgain([429, 503]) ? 'provider-continuation' : 'no';
    }

    const isRetryable = ({ thrown }: Observed) =>
      APICallError.isInstance(thrown) && thrown.isRetryable;

    function errorOf(observed: Observed, expected: RowExpectation): unknown {
      switch (expected.result) {
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

    /**
     * Checks the text and, for entries with tool parts, the whole content against the clean
     * call's: on `/v3` and `/v4` a step is a tool call, so a cut or abort may come before any text.
     */
    function checkText(observed: Observed, expected: RowExpectation) {
      const { text, content } = observed;
      switch (expected.text) {
        case 'all':
          expect(text).toBe(clean.full.text);
          expect(content).toBe(clean.full.content);
          break;
        case 'none':
          expect(content).toBe('');
          break;
        case 'first-turn':
          expect(text).toBe(clean.firstTurn.text);
          expect(content).toBe(clean.firstTurn.content);
          break;
        case 'partial':
          expect(content.length).toBeGreaterThan(0);
          expect(content.length).toBeLessThan(clean.firstTurn.content.length);
          expect(clean.firstTurn.content.startsWith(content)).toBe(true);
          expect(clean.firstTurn.text.startsWith(text)).toBe(true);
          break;
        case 'first-turn+partial':
          expect(content.length).toBeGreaterThan(clean.firstTurn.content.length);
          expect(content.length).toBeLessThan(clean.full.content.length);
          expect(content.startsWith(clean.firstTurn.content)).toBe(true);
          expect(clean.full.content.startsWith(content)).toBe(true);
          expect(text.startsWith(clean.firstTurn.text)).toBe(true);
          expect(clean.full.text.startsWith(text)).toBe(true);
          break;
      }
    }

    it.each(FAULT_MATRIX.map((row) => [rowName(row), row] as const))(
      '%s',
      async (_name, row) => {
        const observed = await run(row);
        const expected = expectationFor(row, via(row));

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

        const error = errorOf(observed, expected);
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
        }
        expect(retriedBy(observed)).toBe(expected.retry);

        if (expected.finish) {
          const { reason, raw } = expected.finish;
          expect(observed.finishReason).toBe(reason);
          expect(observed.rawFinishReason).toBe(raw);
          // Each spec's own shape: V1 and V2 a string, V3 and V4 `{ unified, raw }`.
          expect(observed.specFinishReason).toEqual(
            entry === 'v3' || entry === 'v4' ? { unified: reason, raw } : reason,
          );
        } else {
          expect(observed.finishReason).toBeUndefined();
        }
        checkText(observed, expected);
        // With `includeRawChunks`, every event the call read is also a raw part (searched below).
        if (entry !== 'v1' && expected.text !== 'none') {
          expect(observed.rawParts).toBeGreaterThan(0);
        }
        // The unsupported `temperature` gives V2/V3 streams a warning (searched below).
        if (entry !== 'v1' && expected.result !== 'throws') {
          expect(observed.warnings).toEqual([
            expect.objectContaining({ details: expect.any(String) }),
            ...(expected.warning === undefined
              ? []
              : [{ type: 'other', message: expect.stringContaining(expected.warning) }]),
          ]);
        }
        if (expected.continuationError) {
          const { status, message } = expected.continuationError;
          expect(observed.continuationError).toEqual({
            ...(status !== undefined ? { statusCode: status } : {}),
            message: expect.stringContaining(message),
          });
        } else if (expected.finish) {
          expect(observed.continuationError).toBeUndefined();
        }
        if (expected.skippedLines) expect(observed.skippedLines).toBeGreaterThan(0);
        else if (observed.skippedLines !== undefined) expect(observed.skippedLines).toBe(0);

        expect(requestCounts(emulator)).toEqual(expected.requests);

        if (expected.closedByClient) {
          await settle(
            () =>
              emulator.requests.every((request) => request.endedAt !== undefined) && proxy.idle(),
            'the held connection closed',
          );
          const closed =
            proxy.requests.some((request) => request.fault !== undefined && request.clientClosed) ||
            emulator.requests.some((request) => request.path === '/chat' && request.clientAborted);
          expect(closed).toBe(true);
        }

        for (const request of emulator.requests) if (request.bearer) tokens.add(request.bearer);
        const serialised = serialiseDeep(observed.exposed);
        for (const token of tokens) expect(serialised).not.toContain(token);
      },
      30_000,
    );
  },
);

it('never exposed a token anywhere in the matrix', () => {
  // The per-row checks above ran against every token issued so far; make sure there were some.
  expect(tokens.size).toBeGreaterThan(1);
});
