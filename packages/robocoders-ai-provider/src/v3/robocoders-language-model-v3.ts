import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3Warning,
} from '@ai-sdk/provider-v3';
import { isToolAction } from '../core/agent-actions';
import type { RobocodersFinishReason } from '../core/robocoders-part';
import type { RobocodersUsage } from '../core/usage-accumulator';
import { callWarnings } from '../shared/call-warnings';
import type { RobocodersProviderMetadata } from '../shared/robocoders-provider-metadata';
import { type SpecAdapter, SpecModel, type SpecTypes } from '../shared/spec-model';

interface V3Types extends SpecTypes {
  options: LanguageModelV3CallOptions;
  warning: SharedV3Warning;
  part: LanguageModelV3StreamPart;
  content: LanguageModelV3Content;
  finishReason: LanguageModelV3FinishReason;
  usage: LanguageModelV3Usage;
}

/** V3 has no `unknown`: a stream that ended without a terminal event is `other`. */
function finishReasonOf(
  finishReason: RobocodersFinishReason,
  metadata: RobocodersProviderMetadata | undefined,
): LanguageModelV3FinishReason {
  return {
    unified: finishReason === 'unknown' ? 'other' : finishReason,
    raw: metadata?.rawFinishReason,
  };
}

/** Input tokens neither read from nor written to the prompt cache, when the cache reads are known. */
function uncachedInput(usage: RobocodersUsage): number | undefined {
  if (usage.cacheReadTokens === undefined) return undefined;
  const noCache = usage.inputTokens - usage.cacheReadTokens - (usage.cacheWriteTokens ?? 0);
  return noCache >= 0 ? noCache : undefined;
}

const V3_SPEC: SpecAdapter<V3Types> = {
  warnings: (options) =>
    callWarnings(options, {
      setting: ({ setting, details }) => ({ type: 'unsupported', feature: setting, details }),
      tool: (tool, details) => ({ type: 'unsupported', feature: `tool "${tool.name}"`, details }),
    }),

  // ai 6 and 7 accept provider-executed calls of tools outside the call's tool set when they are
  // marked dynamic, so with `agentSteps: 'tools'` (the default here) every step of work is a
  // tool call; with `text` or `reasoning` none is, for apps that render no tool parts.
  toolActions: (_options, agentSteps) => (agentSteps === 'tools' ? isToolAction : () => false),

  streamStart: (warnings) => ({ type: 'stream-start', warnings }),

  toPart(part) {
    switch (part.type) {
      case 'tool-input-start':
      case 'tool-call':
        // `dynamic`: the agent's own tools are not among the call's tools, and ai 6/7 only
        // accept provider-executed calls of unknown tools when they are marked dynamic.
        return { ...part, providerExecuted: true, dynamic: true };
      case 'tool-result':
        return { ...part, dynamic: true };
      case 'finish':
        return {
          ...part,
          finishReason: finishReasonOf(part.finishReason, part.providerMetadata.robocoders),
          usage: V3_SPEC.usage(part.usage),
        };
      default:
        return part;
    }
  },

  toContent(item) {
    switch (item.type) {
      case 'tool-call':
        return { ...item, providerExecuted: true, dynamic: true };
      case 'tool-result':
        return { ...item, dynamic: true };
      default:
        return item;
    }
  },

  finishReason: (collected) =>
    finishReasonOf(collected.finishReason, collected.providerMetadata?.robocoders),

  usage: (usage) => ({
    inputTokens: {
      total: usage?.inputTokens,
      noCache: usage === undefined ? undefined : uncachedInput(usage),
      cacheRead: usage?.cacheReadTokens,
      cacheWrite: usage?.cacheWriteTokens,
    },
    // The service does not tell reasoning tokens apart from text ones.
    outputTokens: { total: usage?.outputTokens, text: undefined, reasoning: undefined },
  }),
};

/**
 * A Robocoders agent as an AI SDK 6 and 7 (`LanguageModelV3`) model. Each call sends one prompt
 * to an agent session and streams the agent's work back: `thought`s as reasoning, each step
 * (`run`, `run_ipython`, `edit`, `delegate`...) as a provider-executed dynamic tool call with its
 * result, and the agent's messages as text.
 */
export class RobocodersChatLanguageModelV3 extends SpecModel<V3Types> implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
  /** @internal */
  protected readonly spec = V3_SPEC;
}
