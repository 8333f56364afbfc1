import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4FinishReason,
  LanguageModelV4StreamPart,
  LanguageModelV4Usage,
  SharedV4Warning,
} from '@ai-sdk/provider-v4';
import { isToolAction } from '../core/agent-actions';
import type { RobocodersUsage } from '../core/usage-accumulator';
import type { RobocodersPromptMessage } from '../shared/convert-to-robocoders-prompt';
import { type SpecAdapter, SpecModel, type SpecTypes } from '../shared/spec-model';
import { callWarningsV4 } from './call-warnings-v4';
import { convertPromptV4 } from './convert-prompt-v4';
import { mapFinishReasonV4 } from './map-finish-reason-v4';

/** V4 call options with the prompt already in the shared prompt code's shape. */
type V4Options = Omit<LanguageModelV4CallOptions, 'prompt'> & {
  prompt: RobocodersPromptMessage[];
};

interface V4Types extends SpecTypes {
  options: V4Options;
  warning: SharedV4Warning;
  part: LanguageModelV4StreamPart;
  content: LanguageModelV4Content;
  finishReason: LanguageModelV4FinishReason;
  usage: LanguageModelV4Usage;
}

/** Input tokens neither read from nor written to the prompt cache, when the cache reads are known. */
function uncachedInput(usage: RobocodersUsage): number | undefined {
  if (usage.cacheReadTokens === undefined) return undefined;
  const noCache = usage.inputTokens - usage.cacheReadTokens - (usage.cacheWriteTokens ?? 0);
  return noCache >= 0 ? noCache : undefined;
}

/** The call's token counts in V4's shape (the same as V3's); unknown ones stay `undefined`. */
export function mapUsageV4(usage: RobocodersUsage | undefined): LanguageModelV4Usage {
  return {
    inputTokens: {
      total: usage?.inputTokens,
      noCache: usage === undefined ? undefined : uncachedInput(usage),
      cacheRead: usage?.cacheReadTokens,
      cacheWrite: usage?.cacheWriteTokens,
    },
    // The service does not tell reasoning tokens apart from text ones.
    outputTokens: { total: usage?.outputTokens, text: undefined, reasoning: undefined },
  };
}

const V4_SPEC: SpecAdapter<V4Types> = {
  warnings: callWarningsV4,

  // ai ai 7 accepts provider-executed calls of tools outside the call's tool set when they are
  // marked dynamic, so with `agentSteps: 'tools'` (the default here) every step of work is a
  // tool call; with `text` or `reasoning` none is, for apps that render no tool parts.
  toolActions: (_options, agentSteps) => (agentSteps === 'tools' ? isToolAction : () => false),

  streamStart: (warnings) => ({ type: 'stream-start', warnings }),

  toPart(part) {
    switch (part.type) {
      case 'tool-input-start':
      case 'tool-call':
        // `dynamic`: the agent's own tools are not among the call's tools.
        return { ...part, providerExecuted: true, dynamic: true };
      case 'tool-result':
        return { ...part, dynamic: true };
      case 'finish':
        return {
          ...part,
          finishReason: mapFinishReasonV4(part.finishReason, part.providerMetadata.robocoders),
          usage: mapUsageV4(part.usage),
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
    mapFinishReasonV4(collected.finishReason, collected.providerMetadata?.robocoders),

  usage: mapUsageV4,
};

/**
 * A Robocoders agent as an AI SDK 7 (`LanguageModelV4`) model. Each call sends one prompt to an
 * agent session and streams the agent's work back: `thought`s as reasoning, each step (`run`,
 * `run_ipython`, `edit`, `delegate`...) as a provider-executed dynamic tool call with its
 * result, and the agent's messages as text. A stream that ends without a sign that the turn is
 * over finishes as `interrupted`.
 */
export class RobocodersChatLanguageModelV4 extends SpecModel<V4Types> implements LanguageModelV4 {
  readonly specificationVersion = 'v4';
  /** @internal */
  protected readonly spec = V4_SPEC;

  override async doStream(options: LanguageModelV4CallOptions) {
    return super.doStream({ ...options, prompt: convertPromptV4(options.prompt) });
  }

  override async doGenerate(options: LanguageModelV4CallOptions) {
    return super.doGenerate({ ...options, prompt: convertPromptV4(options.prompt) });
  }
}
