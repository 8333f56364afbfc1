import { benchPrompt } from './bench-text.js';
import { callOptions, consumeDoStream, consumeStreamText, warmProvider } from './paths.js';
import type { CreateRobocoders } from './provider.js';
import { type RawSession, readRawTurn } from './raw-reader.js';
import { percentile } from './statistics.js';

/** p50 and p99 in milliseconds. */
export interface Quantiles {
  p50: number;
  p99: number;
}

export interface TtftResult {
  calls: number;
  /** Raw reader: request start to the first body byte (the server's first byte). */
  serverFirstByte: Quantiles;
  /** Raw reader: request start to the first agent message parsed. */
  rawFirstText: Quantiles;
  /** Provider `doStream`: call to the first `text-delta` part. */
  providerFirstText: Quantiles;
  /** `streamText` over the provider: call to the first `textStream` chunk. */
  streamTextFirstText: Quantiles;
  /**
   * Per provider call: (call → its `/chat` fetch starts) + (first body chunk holding an agent
   * message arrives → first `text-delta`), i.e. the time the provider itself adds.
   */
  added: Quantiles;
}

function quantiles(samples: number[]): Quantiles {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** Timestamps of the current call's `/chat` request, taken by {@link probingFetch}. */
interface ChatProbe {
  fetchAt: number;
  firstMessageChunkAt: number;
}

const AGENT_MESSAGE = /"action":\s*"message"/;

/**
 * A `fetch` for the provider that notes when the `/chat` request starts and when the first body
 * chunk containing an agent message arrives. Its extra stream stage costs a few microseconds
 * per chunk, which only counts against the provider.
 */
function probingFetch(probe: ChatProbe): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.endsWith('/chat')) return fetch(input, init);
    probe.fetchAt = performance.now();
    const response = await fetch(input, init);
    if (!response.body) return response;
    const decoder = new TextDecoder();
    const timed = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          if (probe.firstMessageChunkAt === 0 && AGENT_MESSAGE.test(decoder.decode(chunk))) {
            probe.firstMessageChunkAt = performance.now();
          }
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(timed, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/**
 * Warm time to first token: the same token and session for every call; raw reader, provider
 * `doStream` and `streamText` calls interleaved so the three see the same machine.
 */
export async function measureTtft(
  raw: RawSession,
  createRobocoders: CreateRobocoders,
  emulatorUrl: string,
  calls: number,
  warmupCalls: number,
): Promise<TtftResult> {
  const probe: ChatProbe = { fetchAt: 0, firstMessageChunkAt: 0 };
  const warm = await warmProvider(createRobocoders, emulatorUrl, probingFetch(probe));
  const prompt = benchPrompt(1, 16);
  const providerOptions = warm.sessionId
    ? { robocoders: { sessionId: warm.sessionId } }
    : undefined;
  const serverFirstByte: number[] = [];
  const rawFirstText: number[] = [];
  const providerFirstText: number[] = [];
  const streamTextFirstText: number[] = [];
  const added: number[] = [];
  for (let i = 0; i < warmupCalls + calls; i += 1) {
    const record = i >= warmupCalls;
    let start = performance.now();
    const turn = await readRawTurn(raw, prompt);
    if (record) {
      serverFirstByte.push(turn.firstByteAt - start);
      rawFirstText.push(turn.firstTextAt - start);
    }
    probe.fetchAt = 0;
    probe.firstMessageChunkAt = 0;
    start = performance.now();
    const direct = await consumeDoStream(
      'ttft doStream',
      warm.model,
      callOptions(prompt, warm.providerMetadata()),
    );
    if (record) {
      providerFirstText.push(direct.firstTextAt - start);
      added.push(probe.fetchAt - start + (direct.firstTextAt - probe.firstMessageChunkAt));
    }
    start = performance.now();
    const viaStreamText = await consumeStreamText(
      'ttft streamText',
      warm.model,
      prompt,
      providerOptions,
    );
    if (record) streamTextFirstText.push(viaStreamText.firstTextAt - start);
  }
  return {
    calls,
    serverFirstByte: quantiles(serverFirstByte),
    rawFirstText: quantiles(rawFirstText),
    providerFirstText: quantiles(providerFirstText),
    streamTextFirstText: quantiles(streamTextFirstText),
    added: quantiles(added),
  };
}
