import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { type LanguageModelV1, type LanguageModelV1CallOptions, streamText } from 'ai';
import { benchPrompt } from './bench-text.js';
import type { CreateRobocoders } from './provider.js';
import { openRawSession, readRawTurn } from './raw-reader.js';

/** What one consumed stream delivered. `firstTextAt` is a `performance.now()` value. */
export interface StreamOutcome {
  deltas: number;
  chars: number;
  firstTextAt: number;
}

/** One way of consuming a `bench <count> <bytes>` stream, measured side by side with the others. */
export interface MeasuredPath {
  readonly id: PathId;
  readonly label: string;
  run(count: number, bytes: number): Promise<StreamOutcome>;
}

export type PathId =
  | 'raw'
  | 'provider-doStream'
  | 'provider-streamText'
  | 'openai-doStream'
  | 'openai-streamText'
  | 'ai7-v4-streamText'
  | 'ai7-v3-streamText'
  | 'ai7-openai-streamText';

/** Thrown when a measured stream reports an error instead of finishing. */
export class StreamFailedError extends Error {
  override name = 'StreamFailedError';
  constructor(
    readonly path: string,
    readonly reason: unknown,
  ) {
    super(
      `${path}: the stream failed: ${reason instanceof Error ? reason.message : String(reason)}`,
    );
  }
}

function callOptions(
  prompt: string,
  providerMetadata?: LanguageModelV1CallOptions['providerMetadata'],
): LanguageModelV1CallOptions {
  return {
    inputFormat: 'prompt',
    mode: { type: 'regular' },
    prompt: [{ role: 'user', content: [{ type: 'text', text: prompt }] }],
    ...(providerMetadata ? { providerMetadata } : {}),
  };
}

/** Reads a model's `doStream` to the end, counting text deltas. */
export async function consumeDoStream(
  path: string,
  model: LanguageModelV1,
  options: LanguageModelV1CallOptions,
): Promise<StreamOutcome & { providerMetadata?: Record<string, Record<string, unknown>> }> {
  const { stream } = await model.doStream(options);
  const outcome: StreamOutcome & { providerMetadata?: Record<string, Record<string, unknown>> } = {
    deltas: 0,
    chars: 0,
    firstTextAt: 0,
  };
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value.type === 'text-delta') {
      if (outcome.deltas === 0) outcome.firstTextAt = performance.now();
      outcome.deltas += 1;
      outcome.chars += value.textDelta.length;
    } else if (value.type === 'error') {
      throw new StreamFailedError(path, value.error);
    } else if (value.type === 'finish') {
      outcome.providerMetadata = value.providerMetadata as typeof outcome.providerMetadata;
    }
  }
  return outcome;
}

/** Runs `streamText` (ai 4) and reads its `textStream` to the end. */
export async function consumeStreamText(
  path: string,
  model: LanguageModelV1,
  prompt: string,
  providerOptions?: Record<string, Record<string, string>>,
): Promise<StreamOutcome> {
  let failure: unknown;
  const result = streamText({
    model,
    prompt,
    maxRetries: 0,
    ...(providerOptions ? { providerOptions } : {}),
    onError: ({ error }) => {
      failure = error;
    },
  });
  const outcome: StreamOutcome = { deltas: 0, chars: 0, firstTextAt: 0 };
  for await (const text of result.textStream) {
    if (outcome.deltas === 0) outcome.firstTextAt = performance.now();
    outcome.deltas += 1;
    outcome.chars += text.length;
  }
  if (failure !== undefined) throw new StreamFailedError(path, failure);
  return outcome;
}

/** The raw reader with a token and session fetched once. */
export async function rawPath(emulatorUrl: string): Promise<MeasuredPath> {
  const session = await openRawSession(emulatorUrl);
  return {
    id: 'raw',
    label: 'raw reader (fetch + TextDecoderStream + split + JSON.parse)',
    async run(count, bytes) {
      const turn = await readRawTurn(session, benchPrompt(count, bytes));
      return { deltas: turn.textEvents, chars: turn.textChars, firstTextAt: turn.firstTextAt };
    },
  };
}

/** A warm provider model: one instance, its token fetched and its session created once. */
export interface WarmProvider {
  model: LanguageModelV1;
  sessionId: string | undefined;
  providerMetadata(): LanguageModelV1CallOptions['providerMetadata'];
}

/**
 * Creates the provider with automatic continuation off (the load-mode turn ends waiting for the
 * user; continuing would add a request) and makes one call so token and session are warm.
 */
export async function warmProvider(
  createRobocoders: CreateRobocoders,
  emulatorUrl: string,
  fetchFunction?: typeof fetch,
): Promise<WarmProvider> {
  const provider = createRobocoders({
    baseURL: emulatorUrl,
    maxContinuations: 0,
    ...(fetchFunction ? { fetch: fetchFunction } : {}),
  });
  const model = provider('GeneralCodingAgent');
  const first = await consumeDoStream('provider warm-up', model, callOptions(benchPrompt(1, 16)));
  const sessionId = first.providerMetadata?.robocoders?.sessionId;
  const sid = typeof sessionId === 'string' ? sessionId : undefined;
  return {
    model,
    sessionId: sid,
    providerMetadata: () => (sid ? { robocoders: { sessionId: sid } } : undefined),
  };
}

/** The provider's `doStream`, warm. */
export function providerDoStreamPath(warm: WarmProvider): MeasuredPath {
  return {
    id: 'provider-doStream',
    label: 'robocoders-ai-provider doStream',
    run: (count, bytes) =>
      consumeDoStream(
        'provider-doStream',
        warm.model,
        callOptions(benchPrompt(count, bytes), warm.providerMetadata()),
      ),
  };
}

/** `streamText` over the provider, warm. */
export function providerStreamTextPath(warm: WarmProvider): MeasuredPath {
  const providerOptions = warm.sessionId
    ? { robocoders: { sessionId: warm.sessionId } }
    : undefined;
  return {
    id: 'provider-streamText',
    label: 'streamText (ai 4.3.19) over robocoders-ai-provider',
    run: (count, bytes) =>
      consumeStreamText(
        'provider-streamText',
        warm.model,
        benchPrompt(count, bytes),
        providerOptions,
      ),
  };
}

/** `@ai-sdk/openai-compatible@0.2.16` against the local SSE endpoint. */
export function openAiModel(openAiUrl: string): LanguageModelV1 {
  return createOpenAICompatible({ name: 'bench', baseURL: openAiUrl }).chatModel('bench');
}

/** The official alternative's `doStream` alone. */
export function openAiDoStreamPath(model: LanguageModelV1): MeasuredPath {
  return {
    id: 'openai-doStream',
    label: '@ai-sdk/openai-compatible 0.2.16 doStream',
    run: (count, bytes) =>
      consumeDoStream('openai-doStream', model, callOptions(benchPrompt(count, bytes))),
  };
}

/** `streamText` over the official alternative. */
export function openAiStreamTextPath(model: LanguageModelV1): MeasuredPath {
  return {
    id: 'openai-streamText',
    label: 'streamText (ai 4.3.19) over @ai-sdk/openai-compatible 0.2.16',
    run: (count, bytes) => consumeStreamText('openai-streamText', model, benchPrompt(count, bytes)),
  };
}

export { callOptions };
