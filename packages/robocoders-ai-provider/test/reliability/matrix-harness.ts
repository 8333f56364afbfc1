import type { LanguageModelV1, LanguageModelV1CallOptions } from '@ai-sdk/provider';
import type { LanguageModelV2, LanguageModelV2CallOptions } from '@ai-sdk/provider-v2';
import type { LanguageModelV3, LanguageModelV3CallOptions } from '@ai-sdk/provider-v3';
import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider-v4';
import { type CoreMessage, streamText, wrapLanguageModel } from 'ai';
import type { RunningEmulator } from 'robocoders-emulator';
import type { RobocodersProviderSettings } from '../../src/shared/robocoders-settings';
import { createRobocoders } from '../../src/v1/robocoders-provider';
import { createRobocoders as createRobocodersV2 } from '../../src/v2';
import { createRobocoders as createRobocodersV3 } from '../../src/v3';
import { createRobocoders as createRobocodersV4 } from '../../src/v4';
import type { MatrixEntry } from './fault-matrix';
import type { FaultProxy } from './fault-proxy';

/** The prompt of every matrix call: with `stepBudget: 2` the agent pauses once, then finishes. */
export const MATRIX_PROMPT = 'Write a factorial function in Python';
export const MATRIX_AGENT = 'GeneralCodingAgent';

/** What one call produced, whichever way it was driven. */
export interface Observed {
  /** `doStream` rejected (for `streamText`: the stream held nothing but one `error` part). */
  thrown?: unknown;
  /** An `error` part. */
  errorPart?: unknown;
  /** Reading the stream threw. */
  streamError?: unknown;
  /** The finish reason as a string: V3's `unified`. */
  finishReason?: string;
  /** The finish reason exactly as the spec shapes it: a string, or V3's `{ unified, raw }`. */
  specFinishReason?: unknown;
  /** `providerMetadata.robocoders.rawFinishReason`. */
  rawFinishReason?: string;
  /** `raw` parts (V2/V3 calls are made with `includeRawChunks`). */
  rawParts?: number;
  /** The warnings of V2/V3's `stream-start` (their calls set an unsupported `temperature`). */
  warnings?: unknown[];
  skippedLines?: number;
  /** `providerMetadata.robocoders.continuationError`. */
  continuationError?: unknown;
  /** For `streamText` runs: how often ai called `doStream` (more than once: ai retried). */
  modelCalls?: number;
  text: string;
  /**
   * What the answer delivered, in order: the text, with each tool call and result as a marker
   * (`⟦tool-call:run⟧`). Only `/v3` (and `/v2` with declared tools) has tool parts; elsewhere
   * this is the text.
   */
  content: string;
  /** Everything the call exposed: parts, rawCall, request, warnings, errors. */
  exposed: unknown[];
}

/** How a call is started and when (if ever) it is aborted. */
export interface CallPlan {
  settings?: RobocodersProviderSettings;
  providerOptions?: Record<string, unknown>;
  /** Aborts the call once this resolves. */
  abortWhen?: Promise<unknown>;
  /**
   * Aborts the call when the answer's first output arrives: a text delta or a tool call (on
   * `/v3` the agent's first step is a tool call, where the other entries show it as text).
   */
  abortOnFirstOutput?: boolean;
  messages?: CoreMessage[];
}

function v1Options(plan: CallPlan, signal: AbortSignal): LanguageModelV1CallOptions {
  return {
    inputFormat: 'prompt',
    mode: { type: 'regular' },
    prompt: [{ role: 'user', content: [{ type: 'text', text: MATRIX_PROMPT }] }],
    providerMetadata: plan.providerOptions as LanguageModelV1CallOptions['providerMetadata'],
    abortSignal: signal,
  };
}

/** A model of any entry of the package. */
export type MatrixModel = LanguageModelV1 | LanguageModelV2 | LanguageModelV3 | LanguageModelV4;

/** The matrix's model (`MATRIX_AGENT`, `maxContinuations: 1`) from the given entry. */
export function matrixModel(
  entry: MatrixEntry,
  baseURL: string,
  settings: RobocodersProviderSettings = {},
): MatrixModel {
  const all = { baseURL, maxContinuations: 1, ...settings };
  switch (entry) {
    case 'v1':
      return createRobocoders(all)(MATRIX_AGENT);
    case 'v2':
      return createRobocodersV2(all)(MATRIX_AGENT);
    case 'v3':
      return createRobocodersV3(all)(MATRIX_AGENT);
    case 'v4':
      return createRobocodersV4(all)(MATRIX_AGENT);
  }
}

/**
 * The options of a V2 or V3 call: `includeRawChunks`, so every event also arrives as a `raw`
 * part, and a sampling setting the service cannot honour, so the call has a warning; both are
 * searched for the token like everything else the call exposes.
 */
function specOptions(plan: CallPlan, signal: AbortSignal) {
  return {
    prompt: [{ role: 'user' as const, content: [{ type: 'text' as const, text: MATRIX_PROMPT }] }],
    providerOptions: plan.providerOptions as LanguageModelV2CallOptions['providerOptions'],
    abortSignal: signal,
    includeRawChunks: true,
    temperature: 0.5,
  } satisfies LanguageModelV2CallOptions & LanguageModelV3CallOptions & LanguageModelV4CallOptions;
}

/** What the reader needs of a stream part, whichever spec produced it. */
type NormalisedPart =
  | { kind: 'text'; delta: string }
  /** A new text block (V2+): read as a new paragraph, the way V1 joins the same texts. */
  | { kind: 'text-start' }
  | { kind: 'tool'; marker: string }
  | { kind: 'error'; error: unknown }
  | { kind: 'raw' }
  | { kind: 'warnings'; warnings: unknown[] }
  | {
      kind: 'finish';
      reason: string;
      spec: unknown;
      metadata: Record<string, unknown> | undefined;
    }
  | { kind: 'other' };

type PartOf<Model extends MatrixModel> =
  Awaited<ReturnType<Model['doStream']>>['stream'] extends ReadableStream<infer Part>
    ? Part
    : never;

const robocodersMetadata = (metadata: Record<string, unknown> | undefined) =>
  metadata?.robocoders as Record<string, unknown> | undefined;

function normaliseV1(part: PartOf<LanguageModelV1>): NormalisedPart {
  switch (part.type) {
    case 'text-delta':
      return { kind: 'text', delta: part.textDelta };
    case 'error':
      return { kind: 'error', error: part.error };
    case 'finish':
      return {
        kind: 'finish',
        reason: part.finishReason,
        spec: part.finishReason,
        metadata: robocodersMetadata(part.providerMetadata),
      };
    default:
      return { kind: 'other' };
  }
}

function normaliseV2(part: PartOf<LanguageModelV2>): NormalisedPart {
  switch (part.type) {
    case 'stream-start':
      return { kind: 'warnings', warnings: part.warnings };
    case 'text-start':
      return { kind: 'text-start' };
    case 'text-delta':
      return { kind: 'text', delta: part.delta };
    case 'tool-call':
    case 'tool-result':
      return { kind: 'tool', marker: `⟦${part.type}:${part.toolName}⟧` };
    case 'error':
      return { kind: 'error', error: part.error };
    case 'raw':
      return { kind: 'raw' };
    case 'finish':
      return {
        kind: 'finish',
        reason: part.finishReason,
        spec: part.finishReason,
        metadata: robocodersMetadata(part.providerMetadata),
      };
    default:
      return { kind: 'other' };
  }
}

function normaliseV3(part: PartOf<LanguageModelV3> | PartOf<LanguageModelV4>): NormalisedPart {
  switch (part.type) {
    case 'stream-start':
      return { kind: 'warnings', warnings: part.warnings };
    case 'text-start':
      return { kind: 'text-start' };
    case 'text-delta':
      return { kind: 'text', delta: part.delta };
    case 'tool-call':
    case 'tool-result':
      return { kind: 'tool', marker: `⟦${part.type}:${part.toolName}⟧` };
    case 'error':
      return { kind: 'error', error: part.error };
    case 'raw':
      return { kind: 'raw' };
    case 'finish':
      return {
        kind: 'finish',
        reason: part.finishReason.unified,
        spec: part.finishReason,
        metadata: robocodersMetadata(part.providerMetadata),
      };
    default:
      return { kind: 'other' };
  }
}

/** Starts the call on whichever spec the model implements; the stream's parts normalised. */
async function startCall(
  model: MatrixModel,
  plan: CallPlan,
  signal: AbortSignal,
): Promise<{
  rest: unknown;
  parts: ReadableStream<{ part: unknown; normalised: NormalisedPart }>;
}> {
  const tagged = <P>(stream: ReadableStream<P>, normalise: (part: P) => NormalisedPart) =>
    stream.pipeThrough(
      new TransformStream<P, { part: unknown; normalised: NormalisedPart }>({
        transform(part, controller) {
          controller.enqueue({ part, normalised: normalise(part) });
        },
      }),
    );
  switch (model.specificationVersion) {
    case 'v1': {
      const { stream, ...rest } = await model.doStream(v1Options(plan, signal));
      return { rest, parts: tagged(stream, normaliseV1) };
    }
    case 'v2': {
      const { stream, ...rest } = await model.doStream(specOptions(plan, signal));
      return { rest, parts: tagged(stream, normaliseV2) };
    }
    case 'v3': {
      const { stream, ...rest } = await model.doStream(specOptions(plan, signal));
      return { rest, parts: tagged(stream, normaliseV3) };
    }
    case 'v4': {
      const { stream, ...rest } = await model.doStream(specOptions(plan, signal));
      return { rest, parts: tagged<PartOf<LanguageModelV4>>(stream, normaliseV3) };
    }
  }
}

/**
 * Calls `model.doStream` once, with no retries, and reads the stream to its end: the provider's
 * own behaviour without ai in between. Takes a model of any entry (V1, V2 or V3) and records the
 * same {@link Observed} for each; V2 and V3 calls are made with `includeRawChunks`.
 */
export async function runDoStream(model: MatrixModel, plan: CallPlan = {}): Promise<Observed> {
  const controller = new AbortController();
  const observed: Observed = { text: '', content: '', exposed: [] };
  plan.abortWhen?.then(() => controller.abort());
  let call: Awaited<ReturnType<typeof startCall>>;
  try {
    call = await startCall(model, plan, controller.signal);
  } catch (error) {
    observed.thrown = error;
    observed.exposed.push(error);
    return observed;
  }
  // request, response (headers), rawCall, rawResponse, warnings: whatever the spec returns.
  observed.exposed.push(call.rest);
  const reader = call.parts.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const { part, normalised } = value;
      observed.exposed.push(part);
      switch (normalised.kind) {
        case 'text-start':
          if (observed.text !== '') {
            observed.text += '\n\n';
            observed.content += '\n\n';
          }
          break;
        case 'text':
          observed.text += normalised.delta;
          observed.content += normalised.delta;
          if (plan.abortOnFirstOutput) controller.abort();
          break;
        case 'tool':
          observed.content += normalised.marker;
          if (plan.abortOnFirstOutput) controller.abort();
          break;
        case 'error':
          observed.errorPart = normalised.error;
          break;
        case 'raw':
          observed.rawParts = (observed.rawParts ?? 0) + 1;
          break;
        case 'warnings':
          observed.warnings = normalised.warnings;
          break;
        case 'finish':
          observed.finishReason = normalised.reason;
          observed.specFinishReason = normalised.spec;
          observed.rawFinishReason = normalised.metadata?.rawFinishReason as string | undefined;
          observed.skippedLines = normalised.metadata?.skippedLines as number | undefined;
          observed.continuationError = normalised.metadata?.continuationError;
          break;
      }
    }
  } catch (error) {
    observed.streamError = error;
    observed.exposed.push(error);
  }
  return observed;
}

/**
 * Runs the call through ai 4's `streamText` with `maxRetries: 1`, so retryable failures before
 * the stream are retried by ai (after its fixed 2 s backoff).
 */
export async function runStreamText(
  model: LanguageModelV1,
  plan: CallPlan = {},
): Promise<Observed> {
  const controller = new AbortController();
  const observed: Observed = { text: '', content: '', exposed: [] };
  plan.abortWhen?.then(() => controller.abort());
  const errors: unknown[] = [];
  let modelCalls = 0;
  const counted = wrapLanguageModel({
    model,
    middleware: {
      wrapStream: ({ doStream }) => {
        modelCalls += 1;
        return doStream();
      },
    },
  });
  const result = streamText({
    model: counted,
    prompt: MATRIX_PROMPT,
    maxRetries: 1,
    abortSignal: controller.signal,
    providerOptions: plan.providerOptions as never,
    onError: ({ error }) => {
      errors.push(error);
    },
  });
  const types: string[] = [];
  try {
    for await (const part of result.fullStream) {
      types.push(part.type);
      observed.exposed.push(part);
      switch (part.type) {
        case 'text-delta':
          observed.text += part.textDelta;
          observed.content += part.textDelta;
          if (plan.abortOnFirstOutput) controller.abort();
          break;
        case 'finish': {
          observed.finishReason = part.finishReason;
          observed.specFinishReason = part.finishReason;
          const metadata = part.providerMetadata?.robocoders as Record<string, unknown> | undefined;
          observed.rawFinishReason = metadata?.rawFinishReason as string | undefined;
          observed.skippedLines = metadata?.skippedLines as number | undefined;
          observed.continuationError = metadata?.continuationError;
          break;
        }
      }
    }
  } catch (error) {
    observed.streamError = error;
  }
  observed.exposed.push(...errors);
  observed.modelCalls = modelCalls;
  if (types.length === 1 && types[0] === 'error') {
    // doStream rejected (after ai's retries): ai turns that into a lone error part.
    observed.thrown = errors[0];
  } else if (errors.length > 0) {
    observed.errorPart = errors[0];
  }
  if (observed.finishReason !== undefined) {
    observed.exposed.push(await result.request, await result.response, await result.warnings);
  }
  return observed;
}

/** Requests per path in the emulator's log: `[/auth, /create-session, /chat]`. */
export function requestCounts(emulator: RunningEmulator): [number, number, number] {
  const count = (path: string) => emulator.requests.filter((entry) => entry.path === path).length;
  return [count('/auth'), count('/create-session'), count('/chat')];
}

/** Resolves once the proxy's `index`-th request to `path` has its fault in effect. */
export function engaged(proxy: FaultProxy, path: string, index: number): Promise<void> {
  return proxy.engaged(path, index);
}

/** Waits until `check` holds; the emulator and proxy logs change when sockets close. */
export async function settle(check: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not settled in ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Serialises a value with every error's name, message, stack, fields and `cause` chain. */
export function serialiseDeep(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, function replacer(_key, item: unknown) {
    if (typeof item === 'bigint') return item.toString();
    if (item instanceof Headers) return Object.fromEntries(item.entries());
    if (typeof item === 'object' && item !== null) {
      if (seen.has(item)) return '[circular]';
      seen.add(item);
      if (item instanceof Error) {
        return {
          ...Object.fromEntries(Object.entries(item)),
          name: item.name,
          message: item.message,
          stack: item.stack,
          cause: item.cause,
          string: String(item),
        };
      }
    }
    return item;
  });
}
