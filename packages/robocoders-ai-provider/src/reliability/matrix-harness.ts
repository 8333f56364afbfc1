import type { LanguageModelV1, LanguageModelV1CallOptions } from '@ai-sdk/provider';
import { type CoreMessage, streamText } from 'ai';
import type { RunningEmulator } from 'robocoders-emulator';
import { createRobocoders } from '../robocoders-provider';
import type { RobocodersProviderSettings } from '../robocoders-settings';
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
  finishReason?: string;
  rawFinishReason?: string;
  skippedLines?: number;
  text: string;
  /** Everything the call exposed: parts, rawCall, request, warnings, errors. */
  exposed: unknown[];
}

/** How a call is started and when (if ever) it is aborted. */
export interface CallPlan {
  settings?: RobocodersProviderSettings;
  providerOptions?: Record<string, unknown>;
  /** Aborts the call once this resolves. */
  abortWhen?: Promise<unknown>;
  abortOnFirstText?: boolean;
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

/** A provider pointed at `baseURL` with the matrix's settings. */
export function matrixProvider(baseURL: string, settings: RobocodersProviderSettings = {}) {
  return createRobocoders({ baseURL, maxContinuations: 1, ...settings });
}

/**
 * Calls `model.doStream` once, with no retries, and reads the stream to its end: the provider's
 * own behaviour without ai in between.
 */
export async function runDoStream(model: LanguageModelV1, plan: CallPlan = {}): Promise<Observed> {
  const controller = new AbortController();
  const observed: Observed = { text: '', exposed: [] };
  plan.abortWhen?.then(() => controller.abort());
  let result: Awaited<ReturnType<LanguageModelV1['doStream']>>;
  try {
    result = await model.doStream(v1Options(plan, controller.signal));
  } catch (error) {
    observed.thrown = error;
    observed.exposed.push(error);
    return observed;
  }
  const { stream, ...rest } = result;
  observed.exposed.push(rest);
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      observed.exposed.push(value);
      switch (value.type) {
        case 'text-delta':
          observed.text += value.textDelta;
          if (plan.abortOnFirstText) controller.abort();
          break;
        case 'error':
          observed.errorPart = value.error;
          break;
        case 'finish': {
          observed.finishReason = value.finishReason;
          const metadata = value.providerMetadata?.robocoders as
            | Record<string, unknown>
            | undefined;
          observed.rawFinishReason = metadata?.rawFinishReason as string | undefined;
          observed.skippedLines = metadata?.skippedLines as number | undefined;
          break;
        }
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
  const observed: Observed = { text: '', exposed: [] };
  plan.abortWhen?.then(() => controller.abort());
  const errors: unknown[] = [];
  const result = streamText({
    model,
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
          if (plan.abortOnFirstText) controller.abort();
          break;
        case 'finish': {
          observed.finishReason = part.finishReason;
          const metadata = part.providerMetadata?.robocoders as Record<string, unknown> | undefined;
          observed.rawFinishReason = metadata?.rawFinishReason as string | undefined;
          observed.skippedLines = metadata?.skippedLines as number | undefined;
          break;
        }
      }
    }
  } catch (error) {
    observed.streamError = error;
  }
  observed.exposed.push(...errors);
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
