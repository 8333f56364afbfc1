import type {
  LanguageModelV2,
  LanguageModelV2CallOptions,
  LanguageModelV2CallWarning,
  LanguageModelV2Content,
  LanguageModelV2StreamPart,
  LanguageModelV2Usage,
  SharedV2ProviderMetadata,
} from '@ai-sdk/provider-v2';
import { isToolAction } from '../core/robocoders-event';
import type { RobocodersChatModelId, RobocodersChatSettings } from '../robocoders-settings';
import type { RobocodersChatConfig } from '../shared/create-model-factory';
import {
  collectRobocodersCall,
  type RobocodersContent,
  startRobocodersCall,
  UNSUPPORTED_TOOL_DETAILS,
  unsupportedSettings,
  unsupportedTools,
} from '../shared/robocoders-call';
import type { RobocodersStreamPart } from '../shared/robocoders-stream-parts';

type DoStreamResult = Awaited<ReturnType<LanguageModelV2['doStream']>>;
type DoGenerateResult = Awaited<ReturnType<LanguageModelV2['doGenerate']>>;

// The service reports no token counts.
const usage = (): LanguageModelV2Usage => ({
  inputTokens: undefined,
  outputTokens: undefined,
  totalTokens: undefined,
});

// The metadata holds JSON values only; its declared interface just lacks an index signature.
const metadataOf = (part: { providerMetadata?: object }) =>
  part.providerMetadata as SharedV2ProviderMetadata | undefined;

function toV2Part(part: RobocodersStreamPart): LanguageModelV2StreamPart {
  switch (part.type) {
    case 'tool-input-start':
    case 'tool-call':
    case 'tool-result':
      // The agent ran these tools itself: ai must not execute them.
      return { ...part, providerExecuted: true };
    case 'finish':
      return {
        type: 'finish',
        finishReason: part.finishReason,
        usage: usage(),
        providerMetadata: metadataOf(part),
      };
    default:
      return part;
  }
}

/**
 * ai 5 cannot take a provider-executed call of a tool that is not in the call's tool set (5.0.x
 * throws a TypeError reading the missing tool), so only actions the caller declared as tools
 * (e.g. `tools: { run: dynamicTool(...) }`) become tool calls; the others stay in the text.
 */
function declaredToolActions(options: LanguageModelV2CallOptions): (action: string) => boolean {
  const declared = new Set((options.tools ?? []).map((tool) => tool.name));
  return (action) => declared.has(action) && isToolAction(action);
}

function toV2Content(item: RobocodersContent): LanguageModelV2Content {
  return item.type === 'tool-call' || item.type === 'tool-result'
    ? { ...item, providerExecuted: true }
    : item;
}

/**
 * A Robocoders agent as an AI SDK 5 (`LanguageModelV2`) model. Each call sends one prompt to an
 * agent session and streams the agent's work back: `thought`s as reasoning, the agent's messages
 * as text, and each step (`run`, `run_ipython`, `edit`, `delegate`...) as a provider-executed
 * tool call with its result when the call declares a tool of that name, else as text (as the
 * V1 entry does).
 */
export class RobocodersChatLanguageModelV2 implements LanguageModelV2 {
  readonly specificationVersion = 'v2';
  /** The agent takes text only: no URL is passed through. */
  readonly supportedUrls: Record<string, RegExp[]> = {};

  constructor(
    readonly modelId: RobocodersChatModelId,
    private readonly settings: RobocodersChatSettings,
    private readonly config: RobocodersChatConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  private warningsFor(options: LanguageModelV2CallOptions): LanguageModelV2CallWarning[] {
    const warnings: LanguageModelV2CallWarning[] = unsupportedSettings(options).map(
      ({ setting, details }) => ({ type: 'unsupported-setting', setting, details }),
    );
    for (const tool of unsupportedTools(options.tools)) {
      warnings.push({ type: 'unsupported-tool', tool, details: UNSUPPORTED_TOOL_DETAILS });
    }
    return warnings;
  }

  private start(options: LanguageModelV2CallOptions) {
    return startRobocodersCall(
      { modelId: this.modelId, settings: this.settings, config: this.config },
      options,
      declaredToolActions(options),
    );
  }

  async doStream(options: LanguageModelV2CallOptions): Promise<DoStreamResult> {
    const warnings = this.warningsFor(options);
    const call = await this.start(options);
    const stream = call.stream.pipeThrough(
      new TransformStream<RobocodersStreamPart, LanguageModelV2StreamPart>({
        start(controller) {
          controller.enqueue({ type: 'stream-start', warnings });
        },
        transform(part, controller) {
          controller.enqueue(toV2Part(part));
        },
      }),
    );
    return {
      stream,
      request: { body: call.request },
      response: { headers: call.responseHeaders },
    };
  }

  /**
   * Runs the call to the end and returns its content in order. A stream that ends with an
   * error throws that error, so a broken answer is never returned as a success.
   */
  async doGenerate(options: LanguageModelV2CallOptions): Promise<DoGenerateResult> {
    const warnings = this.warningsFor(options);
    const call = await this.start(options);
    const result = await collectRobocodersCall(call.stream);
    return {
      content: result.content.map(toV2Content),
      finishReason: result.finishReason,
      usage: usage(),
      providerMetadata: metadataOf(result),
      request: { body: call.request },
      response: { ...result.response, headers: call.responseHeaders },
      warnings,
    };
  }
}
