import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Content,
  LanguageModelV3FinishReason,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3ProviderMetadata,
  SharedV3Warning,
} from '@ai-sdk/provider-v3';
import { isToolAction } from '../core/robocoders-event';
import type { RobocodersFinishReason } from '../core/robocoders-part';
import type { RobocodersProviderMetadata } from '../robocoders-language-model';
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

type DoStreamResult = Awaited<ReturnType<LanguageModelV3['doStream']>>;
type DoGenerateResult = Awaited<ReturnType<LanguageModelV3['doGenerate']>>;

// The service reports no token counts.
const usage = (): LanguageModelV3Usage => ({
  inputTokens: {
    total: undefined,
    noCache: undefined,
    cacheRead: undefined,
    cacheWrite: undefined,
  },
  outputTokens: { total: undefined, text: undefined, reasoning: undefined },
});

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

// The metadata holds JSON values only; its declared interface just lacks an index signature.
const metadataOf = (part: { providerMetadata?: object }) =>
  part.providerMetadata as SharedV3ProviderMetadata | undefined;

function toV3Part(part: RobocodersStreamPart): LanguageModelV3StreamPart {
  switch (part.type) {
    case 'tool-input-start':
    case 'tool-call':
      // `dynamic`: the agent's own tools are not among the call's tools, and ai 6/7 only accept
      // provider-executed calls of unknown tools when they are marked dynamic.
      return { ...part, providerExecuted: true, dynamic: true };
    case 'tool-result':
      return { ...part, dynamic: true };
    case 'finish':
      return {
        type: 'finish',
        finishReason: finishReasonOf(part.finishReason, part.providerMetadata.robocoders),
        usage: usage(),
        providerMetadata: metadataOf(part),
      };
    default:
      return part;
  }
}

function toV3Content(item: RobocodersContent): LanguageModelV3Content {
  switch (item.type) {
    case 'tool-call':
      return { ...item, providerExecuted: true, dynamic: true };
    case 'tool-result':
      return { ...item, dynamic: true };
    default:
      return item;
  }
}

/**
 * A Robocoders agent as an AI SDK 6 and 7 (`LanguageModelV3`) model. Each call sends one prompt
 * to an agent session and streams the agent's work back: `thought`s as reasoning, each step
 * (`run`, `run_ipython`, `edit`, `delegate`...) as a provider-executed dynamic tool call with its
 * result, and the agent's messages as text.
 */
export class RobocodersChatLanguageModelV3 implements LanguageModelV3 {
  readonly specificationVersion = 'v3';
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

  private warningsFor(options: LanguageModelV3CallOptions): SharedV3Warning[] {
    const warnings: SharedV3Warning[] = unsupportedSettings(options).map(
      ({ setting, details }) => ({ type: 'unsupported', feature: setting, details }),
    );
    for (const tool of unsupportedTools(options.tools)) {
      warnings.push({
        type: 'unsupported',
        feature: `tool "${tool.name}"`,
        details: UNSUPPORTED_TOOL_DETAILS,
      });
    }
    return warnings;
  }

  private start(options: LanguageModelV3CallOptions) {
    return startRobocodersCall(
      { modelId: this.modelId, settings: this.settings, config: this.config },
      options,
      // ai 6 and 7 accept provider-executed calls of tools outside the call's tool set when
      // they are marked dynamic, so every step of work is shown as a tool call.
      isToolAction,
    );
  }

  async doStream(options: LanguageModelV3CallOptions): Promise<DoStreamResult> {
    const warnings = this.warningsFor(options);
    const call = await this.start(options);
    const stream = call.stream.pipeThrough(
      new TransformStream<RobocodersStreamPart, LanguageModelV3StreamPart>({
        start(controller) {
          controller.enqueue({ type: 'stream-start', warnings });
        },
        transform(part, controller) {
          controller.enqueue(toV3Part(part));
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
  async doGenerate(options: LanguageModelV3CallOptions): Promise<DoGenerateResult> {
    const warnings = this.warningsFor(options);
    const call = await this.start(options);
    const result = await collectRobocodersCall(call.stream);
    return {
      content: result.content.map(toV3Content),
      finishReason: finishReasonOf(result.finishReason, result.providerMetadata?.robocoders),
      usage: usage(),
      providerMetadata: metadataOf(result),
      request: { body: call.request },
      response: { ...result.response, headers: call.responseHeaders },
      warnings,
    };
  }
}
