import { generateText } from 'ai';
import { type RunningEmulator, startEmulator } from 'robocoders-emulator';
import { ENTRY_IMPORT, MATRIX_ENTRIES } from '../reliability/fault-matrix';
import { matrixModel, runDoStream } from '../reliability/matrix-harness';
import { chatBodies, providerFor, requestsTo, TASK } from './emulator-fixture';

/**
 * The edges of a turn through every entry, against emulators with and without the OpenHands
 * envelope (user echo, environment events, `null` observations). The fault matrix covers the
 * stream faults; this file covers who speaks and what is retried.
 */
let enveloped: RunningEmulator;
let plain: RunningEmulator;

beforeAll(async () => {
  enveloped = await startEmulator({ port: 0, paceMs: 0, stepBudget: 2 });
  plain = await startEmulator({ port: 0, paceMs: 0, stepBudget: 2, openHandsEnvelope: false });
});

afterAll(async () => {
  await enveloped?.close();
  await plain?.close();
});

beforeEach(() => {
  for (const emulator of [enveloped, plain]) {
    emulator.clearFaults();
    emulator.clearRequests();
  }
});

const NOT_THE_AGENT = ['No observation', 'Agent state changed', 'Agent reached maximum iteration'];

describe.each(MATRIX_ENTRIES.map((entry) => [ENTRY_IMPORT[entry], entry] as const))(
  'turn edges through %s',
  (_import, entry) => {
    it('answers a stream with the OpenHands envelope exactly as one without it', async () => {
      const withEnvelope = await runDoStream(matrixModel(entry, enveloped.url));
      const without = await runDoStream(matrixModel(entry, plain.url));
      expect(withEnvelope.finishReason).toBe('stop');
      expect(withEnvelope.content).toBe(without.content);
      expect(withEnvelope.text).toBe(without.text);
      for (const phrase of [...NOT_THE_AGENT, TASK]) {
        expect(withEnvelope.text).not.toContain(phrase);
      }
      // The envelope really was there: more events arrived (as raw parts on /v2 and /v3).
      if (entry !== 'v1') {
        expect(withEnvelope.rawParts).toBeGreaterThan((without.rawParts ?? 0) + 6);
      }
    });

    it('answers with the envelope switched on for one request only (openhands-envelope fault)', async () => {
      const without = await runDoStream(matrixModel(entry, plain.url));
      plain.clearRequests();
      plain.fault({ endpoint: '/chat', kind: 'openhands-envelope' });
      const once = await runDoStream(matrixModel(entry, plain.url));
      expect(once.content).toBe(without.content);
      // The fault did act: the envelope's events arrived (as raw parts on /v2 and up).
      if (entry !== 'v1') expect(once.rawParts).toBeGreaterThan(without.rawParts ?? 0);
    });

    it('never retries a call whose continuation failed: one session, the answer kept', async () => {
      enveloped.clearRequests();
      enveloped.fault({ endpoint: '/chat', skip: 1, kind: 'status', status: 500 });
      const observed = await runDoStream(matrixModel(entry, enveloped.url));
      // One session, the task sent once and one continuation: nothing after the failure.
      expect(requestsTo(enveloped, '/create-session')).toHaveLength(1);
      expect(chatBodies(enveloped).map((body) => body.prompt)).toEqual([TASK, 'continue']);
      const firstTurn = await runDoStream(
        matrixModel(entry, enveloped.url, { maxContinuations: 0 }),
      );
      expect(observed.errorPart).toBeUndefined();
      expect(observed.content).toBe(firstTurn.content);
      expect(observed.finishReason).toBe('length');
      expect(observed.continuationError).toEqual({
        statusCode: 500,
        message: expect.stringContaining('failed with status 500'),
      });
    });
  },
);

describe('ai 4 generateText over a failing continuation (the main entry)', () => {
  it.each([500, 503])(
    'does the task once and returns the answer so far when continue gets %i',
    async (status) => {
      // 503 three times: the provider's own two retries are used up too.
      enveloped.fault({ endpoint: '/chat', skip: 1, kind: 'status', status, times: 3 });
      const robocoders = providerFor(enveloped);
      const result = await generateText({
        model: robocoders('GeneralCodingAgent'),
        prompt: TASK,
        maxRetries: 2,
      });
      expect(requestsTo(enveloped, '/create-session')).toHaveLength(1);
      expect(chatBodies(enveloped).filter((body) => body.prompt === TASK)).toHaveLength(1);
      expect(chatBodies(enveloped)).toHaveLength(status === 503 ? 4 : 2);
      expect(result.text.length).toBeGreaterThan(0);
      expect(result.finishReason).toBe('length');
      expect(result.providerMetadata?.robocoders).toMatchObject({
        rawFinishReason: 'max_iterations',
        continuationError: { statusCode: status },
      });
    },
  );

  it('does not retry a stream cut after the agent took the prompt', async () => {
    enveloped.fault({ endpoint: '/chat', kind: 'cut', afterEvents: 8 });
    const robocoders = providerFor(enveloped);
    await expect(
      generateText({ model: robocoders('GeneralCodingAgent'), prompt: TASK, maxRetries: 2 }),
    ).rejects.toMatchObject({
      isRetryable: false,
      message: expect.stringContaining('broke after 8 events'),
    });
    expect(requestsTo(enveloped, '/create-session')).toHaveLength(1);
    expect(chatBodies(enveloped)).toHaveLength(1);
  });
});
