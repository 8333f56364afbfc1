import type { RobocodersEvent } from './robocoders-event';

/**
 * The token counts of a call, as far as the service reported them. `inputTokens` includes the
 * cached ones (OpenAI's and litellm's `prompt_tokens` convention).
 */
export type RobocodersUsage = {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from the model's prompt cache; `undefined` when not reported. */
  cacheReadTokens: number | undefined;
  /** Input tokens written to the model's prompt cache; `undefined` when not reported. */
  cacheWriteTokens: number | undefined;
};

/** What a call's events said about its usage and cost; each `undefined` when they said nothing. */
export interface CallUsage {
  usage: RobocodersUsage | undefined;
  /** In US dollars, from OpenHands' `llm_metrics.accumulated_cost`. */
  costUsd: number | undefined;
}

/** Collects the usage reports of one call's events: `add` each event, read `result` at the end. */
export interface UsageAccumulator {
  add(event: RobocodersEvent): void;
  result(): CallUsage;
}

/** Accumulated token figures, and the model response of the event that carried them. */
interface TokenSnapshot {
  tokens: RobocodersUsage;
  responseId: string | undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function tokenCounts(
  input: unknown,
  output: unknown,
  cacheRead: unknown,
  cacheWrite: unknown,
): RobocodersUsage | undefined {
  const inputTokens = count(input);
  const outputTokens = count(output);
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  return {
    inputTokens,
    outputTokens,
    cacheReadTokens: count(cacheRead),
    cacheWriteTokens: count(cacheWrite),
  };
}

/** litellm's `ModelResponse.usage`: cached input in OpenAI's or Anthropic's field. */
function responseUsage(usage: unknown): RobocodersUsage | undefined {
  return tokenCounts(
    field(usage, 'prompt_tokens'),
    field(usage, 'completion_tokens'),
    field(field(usage, 'prompt_tokens_details'), 'cached_tokens') ??
      field(usage, 'cache_read_input_tokens'),
    field(usage, 'cache_creation_input_tokens'),
  );
}

/** OpenHands' `TokenUsage` as `Metrics.get()` serializes `accumulated_token_usage`. */
function accumulatedUsage(usage: unknown): RobocodersUsage | undefined {
  return tokenCounts(
    field(usage, 'prompt_tokens'),
    field(usage, 'completion_tokens'),
    field(usage, 'cache_read_tokens'),
    field(usage, 'cache_write_tokens'),
  );
}

function optionalSum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : a + b;
}

function add(a: RobocodersUsage, b: RobocodersUsage): RobocodersUsage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    cacheReadTokens: optionalSum(a.cacheReadTokens, b.cacheReadTokens),
    cacheWriteTokens: optionalSum(a.cacheWriteTokens, b.cacheWriteTokens),
  };
}

function difference(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined || b === undefined) return undefined;
  const result = a - b;
  return result >= 0 ? result : undefined;
}

/** `last - base`, or `undefined` when a figure went down (the figures were reset). */
function growth(last: RobocodersUsage, base: RobocodersUsage): RobocodersUsage | undefined {
  const inputTokens = difference(last.inputTokens, base.inputTokens);
  const outputTokens = difference(last.outputTokens, base.outputTokens);
  if (inputTokens === undefined || outputTokens === undefined) return undefined;
  return {
    inputTokens,
    outputTokens,
    cacheReadTokens: difference(last.cacheReadTokens, base.cacheReadTokens ?? 0),
    cacheWriteTokens: difference(last.cacheWriteTokens, base.cacheWriteTokens ?? 0),
  };
}

const ZERO: RobocodersUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
};

/**
 * Usage from OpenHands-shaped events. Two sources, both optional:
 *
 * - `tool_call_metadata.model_response` (`id`, `usage`) on the events of a function-calling
 *   step. The same response appears on an action and its observation, so each distinct `id` is
 *   counted once. Plain replies (a final message) carry none, so this sum can miss responses.
 * - `llm_metrics` (`accumulated_token_usage`, `accumulated_cost`): the conversation's running
 *   totals, after the response that produced the event. The call's usage is their growth from
 *   the figures before the call's first response: zero on a session created for the call, else
 *   the first figures seen minus the usage of the response they came with.
 *
 * Tokens come from the accumulated figures when that baseline is known (they cover every
 * response, plain replies too), else from the distinct responses, else from the growth between
 * the first and the last figures seen (which leaves out the response of the first). The cost
 * is the growth of `accumulated_cost` (first to last on a reused session: its first response's
 * cost is not known apart). Whatever no event reported stays `undefined`.
 */
export function createUsageAccumulator(options: { newSession: boolean }): UsageAccumulator {
  const responses = new Map<string, RobocodersUsage>();
  let firstTokens: TokenSnapshot | undefined;
  let lastTokens: RobocodersUsage | undefined;
  let firstCost: number | undefined;
  let lastCost: number | undefined;

  const tokensFromMetrics = (): RobocodersUsage | undefined => {
    if (firstTokens === undefined || lastTokens === undefined) return undefined;
    if (options.newSession) return growth(lastTokens, ZERO);
    const own =
      firstTokens.responseId === undefined ? undefined : responses.get(firstTokens.responseId);
    if (own === undefined) return undefined;
    const before = growth(firstTokens.tokens, own);
    return before === undefined ? undefined : growth(lastTokens, before);
  };

  const responseTotal = (): RobocodersUsage | undefined => {
    let total: RobocodersUsage | undefined;
    for (const usage of responses.values()) total = total === undefined ? usage : add(total, usage);
    return total;
  };

  return {
    add(event: RobocodersEvent) {
      const response = field(event.tool_call_metadata, 'model_response');
      const id = field(response, 'id');
      const responseId = typeof id === 'string' && id !== '' ? id : undefined;
      if (responseId !== undefined && !responses.has(responseId)) {
        const usage = responseUsage(field(response, 'usage'));
        if (usage !== undefined) responses.set(responseId, usage);
      }
      const metrics = event.llm_metrics;
      const tokens = accumulatedUsage(field(metrics, 'accumulated_token_usage'));
      if (tokens !== undefined) {
        firstTokens ??= { tokens, responseId };
        lastTokens = tokens;
      }
      const cost = count(field(metrics, 'accumulated_cost'));
      if (cost !== undefined) {
        firstCost ??= cost;
        lastCost = cost;
      }
    },

    result() {
      let usage = tokensFromMetrics() ?? responseTotal();
      if (usage === undefined && firstTokens !== undefined && lastTokens !== undefined) {
        usage = growth(lastTokens, firstTokens.tokens);
      }
      return { usage, costUsd: difference(lastCost, options.newSession ? 0 : firstCost) };
    },
  };
}
