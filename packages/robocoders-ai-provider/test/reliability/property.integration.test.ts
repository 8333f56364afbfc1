import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LanguageModelV1StreamPart } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import fc from 'fast-check';
import { type RunningEmulator, startEmulator } from 'robocoders-emulator';
import { createRobocoders } from '../../src/v1/robocoders-provider';
import { type FaultProxy, startFaultProxy } from './fault-proxy';
import { MATRIX_AGENT, MATRIX_PROMPT, settle } from './matrix-harness';

/** Fixed, so a run is reproducible; fast-check prints it (and the shrunk path) on failure. */
const SEED = Number(process.env.FC_SEED ?? 20_261_125);

type Framing = 'ndjson' | 'ndjson-crlf' | 'sse';

interface Script {
  events: Record<string, unknown>[];
  framing: Framing;
  junk: boolean[];
  /** NDJSON only: leave the last line without its newline. */
  noFinalNewline: boolean;
  cuts: number[];
}

const text = fc.string({ unit: 'grapheme', maxLength: 30 });

/** One agent event of any kind the provider meets, with the id assigned later. */
const eventArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({ message: text, content: text }).map(({ message, content }) => ({
    source: 'agent',
    action: 'message',
    message,
    args: { content, wait_for_response: false },
  })),
  fc.record({ command: text, thought: text }).map(({ command, thought }) => ({
    source: 'agent',
    action: 'run',
    message: `Running command: ${command}`,
    args: { command, thought },
  })),
  fc.record({ content: text, exitCode: fc.integer({ min: 0, max: 2 }) }).map((value) => ({
    source: 'agent',
    observation: 'run',
    message: 'Command ran',
    content: value.content,
    extras: { exit_code: value.exitCode },
  })),
  fc.record({ thought: text }).map(({ thought }) => ({
    source: 'agent',
    action: 'teleport',
    message: 'Teleporting',
    args: { thought, where: [1, { deep: null }] },
  })),
  fc.constant({ source: 'agent', observation: 'quantum', content: 'x', extras: 'not an object' }),
  text.map((content) => ({ source: 'user', action: 'message', args: { content } })),
  fc.constant({
    source: 'agent',
    observation: 'agent_state_changed',
    content: '',
    extras: { agent_state: 'running' },
    message: 'Agent state changed to running',
  }),
);

const scriptArbitrary: fc.Arbitrary<Script> = fc
  .record({
    body: fc.array(eventArbitrary, { maxLength: 12 }),
    final: fc.option(text, { nil: undefined }),
    framing: fc.constantFrom<Framing>('ndjson', 'ndjson-crlf', 'sse'),
    junkSeed: fc.array(fc.boolean(), { maxLength: 14 }),
    noFinalNewline: fc.boolean(),
    cutSeeds: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }),
  })
  .map(({ body, final, framing, junkSeed, noFinalNewline, cutSeeds }) => {
    const events = [...body];
    if (final !== undefined) {
      events.push({
        source: 'agent',
        action: 'message',
        message: final,
        args: { content: final, wait_for_response: true },
      });
    }
    return {
      events: events.map((event, index) => ({ id: index + 1, timestamp: 't', ...event })),
      framing,
      junk: events.map((_, index) => junkSeed[index] ?? false),
      noFinalNewline: noFinalNewline && framing !== 'sse',
      cuts: cutSeeds,
    };
  });

const JUNK = [': keep-alive', '{"truncated": ', 'proxy says hello', '[1, 2, 3]'];

/** The wire bytes of a script and the number of lines the provider must skip. */
function encode(script: Script, plain = false): { bytes: Buffer; skipped: number } {
  const framing = plain ? 'ndjson' : script.framing;
  const newline = framing === 'ndjson-crlf' ? '\r\n' : '\n';
  let body = '';
  let skipped = 0;
  script.events.forEach((event, index) => {
    if (!plain && script.junk[index]) {
      const junk = JUNK[index % JUNK.length];
      if (framing === 'sse') {
        // A comment line is ignored by SSE; a non-JSON data field is skipped and counted.
        body += junk.startsWith(':') ? `${junk}\n\n` : `data: ${junk}\n\n`;
      } else {
        body += `${junk}${newline}${newline}`;
      }
      if (!(framing === 'sse' && junk.startsWith(':'))) skipped++;
    }
    const json = JSON.stringify(event);
    body += framing === 'sse' ? `data: ${json}\n\n` : `${json}${newline}`;
  });
  if (!plain && script.noFinalNewline) body = body.replace(/\r?\n$/, '');
  return { bytes: Buffer.from(body, 'utf8'), skipped };
}

function chunksOf(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => Math.floor(cut * bytes.length)))]
    .filter((point) => point > 0 && point < bytes.length)
    .sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks.filter((chunk) => chunk.length > 0);
}

/** The parts with text deltas merged (their split follows network reads) and no timestamps. */
function normalise(parts: LanguageModelV1StreamPart[]) {
  const out: Array<Record<string, unknown>> = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (part.type === 'text-delta' && last?.type === 'text-delta') {
      last.textDelta = `${last.textDelta}${part.textDelta}`;
    } else if (part.type === 'response-metadata') {
      out.push({ type: part.type, id: part.id, modelId: part.modelId });
    } else if (part.type === 'error') {
      out.push({ type: 'error', name: (part.error as Error).name });
    } else if (part.type === 'finish') {
      const { skippedLines: _skipped, ...metadata } = part.providerMetadata?.robocoders ?? {};
      out.push({ type: 'finish', finishReason: part.finishReason, metadata });
    } else {
      out.push({ ...part });
    }
  }
  return out;
}

describe('property: framing and chunk boundaries never change what is delivered', () => {
  let server: Server;
  let baseURL: string;
  let reply: { chunks: Buffer[]; contentType: string } = { chunks: [], contentType: '' };

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', async () => {
        res.writeHead(200, { 'content-type': reply.contentType, connection: 'close' });
        res.flushHeaders();
        for (const chunk of reply.chunks) {
          await new Promise<void>((resolve) => res.write(chunk, () => resolve()));
          // Each chunk its own read on the client, as far as the OS allows.
          await new Promise((resolve) => setImmediate(resolve));
        }
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function deliver(chunks: Buffer[], contentType: string) {
    reply = { chunks, contentType };
    const robocoders = createRobocoders({ baseURL, apiKey: 'property-key', maxContinuations: 0 });
    const result = await robocoders(MATRIX_AGENT).doStream({
      inputFormat: 'prompt',
      mode: { type: 'regular' },
      prompt: [{ role: 'user', content: [{ type: 'text', text: MATRIX_PROMPT }] }],
      providerMetadata: { robocoders: { sessionId: 'property-session' } },
    });
    const parts: LanguageModelV1StreamPart[] = [];
    const reader = result.stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
    return parts;
  }

  it('delivers the same text and parts for every framing, junk and chunking', async () => {
    await fc.assert(
      fc.asyncProperty(scriptArbitrary, async (script) => {
        const plain = encode(script, true);
        const expected = await deliver([plain.bytes], 'application/x-ndjson');
        const wire = encode(script);
        const contentType =
          script.framing === 'sse' ? 'text/event-stream; charset=utf-8' : 'application/x-ndjson';
        const actual = await deliver(chunksOf(wire.bytes, script.cuts), contentType);
        expect(normalise(actual)).toEqual(normalise(expected));
        const finish = actual.at(-1);
        expect(finish?.type).toBe('finish');
        if (finish?.type === 'finish') {
          expect(finish.providerMetadata?.robocoders?.skippedLines).toBe(wire.skipped);
          // A stream with events never fails; one without any is an error, never empty success.
          if (script.events.length === 0) expect(finish.finishReason).toBe('error');
          else expect(finish.finishReason).not.toBe('error');
        }
      }),
      { seed: SEED, numRuns: 80 },
    );
  }, 120_000);

  it('reads the framing from the body whatever the content type says, under any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(
        scriptArbitrary.filter((script) => script.events.length > 0),
        fc.constantFrom(
          'text/event-stream; charset=utf-8',
          'application/x-ndjson',
          'application/json',
          'text/plain',
        ),
        async (script, contentType) => {
          // The first line that is not a comment decides, so it must be an event: junk before
          // it would be a tie, which the (here random) content type breaks.
          const decisive = { ...script, junk: script.junk.map((junk, index) => index > 0 && junk) };
          const expected = await deliver([encode(decisive, true).bytes], 'application/x-ndjson');
          const wire = encode(decisive);
          const actual = await deliver(chunksOf(wire.bytes, decisive.cuts), contentType);
          expect(normalise(actual)).toEqual(normalise(expected));
          const finish = actual.at(-1);
          expect(
            finish?.type === 'finish' && finish.providerMetadata?.robocoders?.skippedLines,
          ).toBe(wire.skipped);
        },
      ),
      { seed: SEED, numRuns: 60 },
    );
  }, 120_000);
});

describe('property: aborting at any moment leaves nothing open', () => {
  let emulator: RunningEmulator;
  let proxy: FaultProxy;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, paceMs: 2, stepBudget: 2 });
    proxy = await startFaultProxy(emulator.url);
  });

  afterAll(async () => {
    await proxy?.close();
    await emulator?.close();
  });

  /** Counts of the process's active resources by type (sockets, timers, ...). */
  function resources(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const type of process.getActiveResourcesInfo()) {
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    return counts;
  }

  function extra(baseline: Map<string, number>): string[] {
    const now = resources();
    return [...now]
      .filter(([type, count]) => count > (baseline.get(type) ?? 0))
      .map(([type, count]) => `${type}: ${baseline.get(type) ?? 0} -> ${count}`);
  }

  it('closes every request, socket and timer of calls aborted at random points', async () => {
    // Taken with the servers up and idle.
    const baseline = resources();
    let aborted = 0;

    await fc.assert(
      fc.asyncProperty(
        fc.record({
          delayMs: fc.integer({ min: 0, max: 60 }),
          afterParts: fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
          via: fc.constantFrom('doStream', 'streamText', 'generateText'),
        }),
        async ({ delayMs, afterParts, via }) => {
          emulator.clearRequests();
          const controller = new AbortController();
          const timer =
            afterParts === undefined || via === 'generateText'
              ? setTimeout(
                  () => controller.abort(),
                  afterParts === undefined ? delayMs : afterParts * 3,
                )
              : undefined;
          const model = createRobocoders({ baseURL: proxy.url, maxContinuations: 1 })(MATRIX_AGENT);
          let parts = 0;
          const onPart = () => {
            if (afterParts !== undefined && ++parts > afterParts) controller.abort();
          };
          let outcome: unknown;
          try {
            if (via === 'doStream') {
              const result = await model.doStream({
                inputFormat: 'prompt',
                mode: { type: 'regular' },
                prompt: [{ role: 'user', content: [{ type: 'text', text: MATRIX_PROMPT }] }],
                abortSignal: controller.signal,
              });
              for await (const _part of result.stream as unknown as AsyncIterable<unknown>)
                onPart();
            } else if (via === 'streamText') {
              const result = streamText({
                model,
                prompt: MATRIX_PROMPT,
                abortSignal: controller.signal,
                maxRetries: 0,
              });
              for await (const _part of result.fullStream) onPart();
            } else {
              await generateText({
                model,
                prompt: MATRIX_PROMPT,
                abortSignal: controller.signal,
                maxRetries: 0,
              });
            }
          } catch (error) {
            outcome = error;
          } finally {
            clearTimeout(timer);
          }
          if (outcome !== undefined) {
            // The only way such a call may fail is by the abort.
            expect((outcome as Error).name).toBe('AbortError');
            aborted++;
          }
          await settle(
            () => emulator.requests.every((entry) => entry.endedAt !== undefined) && proxy.idle(),
            'every request of the aborted call ended',
          );
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
    expect(aborted).toBeGreaterThan(0);
    // Node's fetch may keep a fresh, unused connection for up to its 4 s keep-alive timeout
    // after an abort: allow it to go.
    await settle(
      () => extra(baseline).length === 0,
      `no extra resources (${extra(baseline).join(', ')})`,
      30_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}: ${extra(baseline).join(', ')}`);
    });
  }, 180_000);
});
