import { experimental_streamTextLowMemory, type LanguageModel, streamText } from 'ai7';
import { createOpenAICompatible } from 'openai-compatible-3';
import { AI7_VERSION, OPENAI_COMPATIBLE_3_VERSION } from './ai7-versions.js';
import { benchPrompt } from './bench-text.js';
import { type MeasuredPath, StreamFailedError, type StreamOutcome } from './paths.js';

export { AI7_VERSION, OPENAI_COMPATIBLE_3_VERSION };

/** `createRobocoders` of `/v3` or `/v4`, typed structurally as ai 7 takes its models. */
export type CreateAi7Robocoders = (settings: {
  baseURL: string;
  maxContinuations?: number;
}) => (modelId: string) => LanguageModel;

/** The entries of the provider an ai 7 app can use: `/v4` natively, `/v3` through ai's proxy. */
export type Ai7Entry = 'v3' | 'v4';

/**
 * Imports `robocoders-ai-provider/<entry>` at run time, so the bench still builds and runs its
 * ai 4 part when the provider is missing.
 */
export async function loadAi7Provider(entry: Ai7Entry): Promise<CreateAi7Robocoders> {
  const module = (await import(`robocoders-ai-provider/${entry}`)) as Record<string, unknown>;
  if (typeof module.createRobocoders !== 'function') {
    throw new Error(`robocoders-ai-provider/${entry} does not export createRobocoders`);
  }
  return module.createRobocoders as CreateAi7Robocoders;
}

type ProviderOptions = Record<string, Record<string, string>>;

/**
 * `streamText`, or `experimental_streamTextLowMemory`: the same engine with a single consumer
 * and no replay or final-content getters.
 */
export type Ai7StreamFunction = 'streamText' | 'streamTextLowMemory';

/**
 * Runs ai 7's `streamText` and reads `result.stream` (ai 7's current API; `fullStream` is its
 * deprecated name) to the end, counting text deltas. `onText` sees each delta as it arrives.
 */
export async function consumeAi7StreamText(
  path: string,
  model: LanguageModel,
  prompt: string,
  providerOptions?: ProviderOptions,
  onText?: (text: string) => void,
  variant: Ai7StreamFunction = 'streamText',
): Promise<StreamOutcome & { sessionId?: string }> {
  let failure: unknown;
  const options: Parameters<typeof streamText>[0] = {
    model,
    prompt,
    maxRetries: 0,
    ...(providerOptions ? { providerOptions } : {}),
    onError: ({ error }) => {
      failure = error;
    },
  };
  const result =
    variant === 'streamText' ? streamText(options) : experimental_streamTextLowMemory(options);
  const outcome: StreamOutcome & { sessionId?: string } = { deltas: 0, chars: 0, firstTextAt: 0 };
  for await (const part of result.stream) {
    if (part.type === 'text-delta') {
      if (outcome.deltas === 0) outcome.firstTextAt = performance.now();
      outcome.deltas += 1;
      outcome.chars += part.text.length;
      onText?.(part.text);
    } else if (part.type === 'error') {
      failure = part.error;
    } else if (part.type === 'finish-step') {
      const sessionId = part.providerMetadata?.robocoders?.sessionId;
      if (typeof sessionId === 'string') outcome.sessionId = sessionId;
    }
  }
  if (failure !== undefined) throw new StreamFailedError(path, failure);
  return outcome;
}

/** A warm provider model of one entry: one instance, token fetched and session created once. */
export interface WarmAi7Provider {
  entry: Ai7Entry;
  model: LanguageModel;
  providerOptions: ProviderOptions | undefined;
}

/**
 * One provider instance with automatic continuation off (a load-mode turn ends waiting for the
 * user), warmed by one call whose session the measured calls then reuse.
 */
export async function warmAi7Provider(
  entry: Ai7Entry,
  createRobocoders: CreateAi7Robocoders,
  baseURL: string,
  warmupPrompt: string,
): Promise<WarmAi7Provider> {
  const model = createRobocoders({ baseURL, maxContinuations: 0 })('GeneralCodingAgent');
  const first = await consumeAi7StreamText(`ai 7 /${entry} warm-up`, model, warmupPrompt);
  return {
    entry,
    model,
    providerOptions: first.sessionId ? { robocoders: { sessionId: first.sessionId } } : undefined,
  };
}

/** `streamText` (ai 7) over a warm `/v3` or `/v4` provider. */
export function ai7ProviderPath(warm: WarmAi7Provider): MeasuredPath {
  const id = warm.entry === 'v4' ? 'ai7-v4-streamText' : 'ai7-v3-streamText';
  return {
    id,
    label: `streamText (ai ${AI7_VERSION}) over robocoders-ai-provider/${warm.entry}`,
    run: (count, bytes) =>
      consumeAi7StreamText(id, warm.model, benchPrompt(count, bytes), warm.providerOptions),
  };
}

/** `streamText` (ai 7) over `@ai-sdk/openai-compatible@3` against the local SSE endpoint. */
export function ai7OpenAiPath(openAiUrl: string): MeasuredPath {
  const model = createOpenAICompatible({ name: 'bench', baseURL: openAiUrl }).chatModel('bench');
  return {
    id: 'ai7-openai-streamText',
    label: `streamText (ai ${AI7_VERSION}) over @ai-sdk/openai-compatible ${OPENAI_COMPATIBLE_3_VERSION}`,
    run: (count, bytes) =>
      consumeAi7StreamText('ai7-openai-streamText', model, benchPrompt(count, bytes)),
  };
}
