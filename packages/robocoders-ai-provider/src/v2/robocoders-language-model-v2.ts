import type {
  LanguageModelV2,
  LanguageModelV2CallOptions,
  LanguageModelV2CallWarning,
  LanguageModelV2Content,
  LanguageModelV2FinishReason,
  LanguageModelV2StreamPart,
  LanguageModelV2Usage,
} from '@ai-sdk/provider-v2';
import { isToolAction } from '../core/agent-actions';
import { callWarnings } from '../shared/call-warnings';
import { type SpecAdapter, SpecModel, type SpecTypes } from '../shared/spec-model';

interface V2Types extends SpecTypes {
  options: LanguageModelV2CallOptions;
  warning: LanguageModelV2CallWarning;
  part: LanguageModelV2StreamPart;
  content: LanguageModelV2Content;
  finishReason: LanguageModelV2FinishReason;
  usage: LanguageModelV2Usage;
}

const V2_SPEC: SpecAdapter<V2Types> = {
  warnings: (options) =>
    callWarnings(options, {
      setting: ({ setting, details }): LanguageModelV2CallWarning => ({
        type: 'unsupported-setting',
        setting,
        details,
      }),
      tool: (tool, details) => ({ type: 'unsupported-tool', tool, details }),
    }),

  // ai 5 cannot take a provider-executed call of a tool that is not in the call's tool set (5.0.x
  // throws a TypeError reading the missing tool), so only actions the caller declared as tools
  // (e.g. `tools: { run: dynamicTool(...) }`) become tool calls; the others stay in the text.
  toolActions(options) {
    const declared = new Set((options.tools ?? []).map((tool) => tool.name));
    return (action) => declared.has(action) && isToolAction(action);
  },

  streamStart: (warnings) => ({ type: 'stream-start', warnings }),

  toPart(part) {
    switch (part.type) {
      case 'tool-input-start':
      case 'tool-call':
      case 'tool-result':
        // The agent ran these tools itself: ai must not execute them.
        return { ...part, providerExecuted: true };
      case 'finish':
        return { ...part, usage: V2_SPEC.usage(part.usage) };
      default:
        return part;
    }
  },

  toContent: (item) =>
    item.type === 'tool-call' || item.type === 'tool-result'
      ? { ...item, providerExecuted: true }
      : item,

  finishReason: (collected) => collected.finishReason,

  usage: (usage) => ({
    inputTokens: usage?.inputTokens,
    outputTokens: usage?.outputTokens,
    totalTokens: usage === undefined ? undefined : usage.inputTokens + usage.outputTokens,
    cachedInputTokens: usage?.cacheReadTokens,
  }),
};

/**
 * A Robocoders agent as an AI SDK 5 (`LanguageModelV2`) model. Each call sends one prompt to an
 * agent session and streams the agent's work back: `thought`s as reasoning, the agent's messages
 * as text, and each step (`run`, `run_ipython`, `edit`, `delegate`...) as a provider-executed
 * tool call with its result when the call declares a tool of that name, else as text (as the
 * V1 entry does).
 */
export class RobocodersChatLanguageModelV2 extends SpecModel<V2Types> implements LanguageModelV2 {
  readonly specificationVersion = 'v2';
  /** @internal */
  protected readonly spec = V2_SPEC;
}
