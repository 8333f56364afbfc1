import {
  InvalidArgumentError,
  type LanguageModelV1,
  type LanguageModelV1CallOptions,
  type LanguageModelV1CallWarning,
  type LanguageModelV1FinishReason,
  type LanguageModelV1StreamPart,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';
import {
  assertSupportedPrompt,
  convertToRobocodersNewTurns,
  convertToRobocodersPrompt,
} from './convert-to-robocoders-prompt';
import type { RobocodersClient } from './core/robocoders-client';
import type { RobocodersMetadata, RobocodersPart } from './core/robocoders-part';
import { mapRobocodersFinishReason } from './map-robocoders-finish-reason';
import {
  type RobocodersChatModelId,
  type RobocodersChatSettings,
  type RobocodersProviderOptions,
  robocodersProviderOptionsSchema,
} from './robocoders-settings';

/**
 * `providerMetadata.robocoders` of a finished call: the core's metadata plus the agent-level
 * finish reason (`awaiting_user_input`, `max_iterations`, `finish`, `reject`, `eof`,
 * `stream_error`, `continuation_failed`, `agent_error`).
 */
export type RobocodersProviderMetadata = RobocodersMetadata & { rawFinishReason: string };

/** How a model reaches the transport core; built by the provider. */
export interface RobocodersChatConfig {
  provider: string;
  client: () => RobocodersClient;
  maxContinuations: number;
  continuePrompt: string;
}

type DoStreamResult = Awaited<ReturnType<LanguageModelV1['doStream']>>;
type DoGenerateResult = Awaited<ReturnType<LanguageModelV1['doGenerate']>>;

const SAMPLING_SETTINGS = [
  'maxTokens',
  'temperature',
  'topP',
  'topK',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
  'stopSequences',
] as const;

function parseProviderOptions(options: LanguageModelV1CallOptions): RobocodersProviderOptions {
  return parseRobocodersProviderOptions(options.providerMetadata?.robocoders);
}

/**
 * Validates `providerOptions.robocoders` (shared by every spec version's model).
 *
 * @throws InvalidArgumentError listing every invalid field.
 */
export function parseRobocodersProviderOptions(value: unknown): RobocodersProviderOptions {
  if (value === undefined) return {};
  const result = robocodersProviderOptionsSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
  throw new InvalidArgumentError({
    argument: 'providerOptions.robocoders',
    message: `Invalid Robocoders provider options: ${issues}`,
    cause: result.error,
  });
}

function toV1Part(part: RobocodersPart): LanguageModelV1StreamPart | undefined {
  switch (part.type) {
    case 'text-delta':
      return { type: 'text-delta', textDelta: part.delta };
    case 'reasoning-delta':
      return { type: 'reasoning', textDelta: part.delta };
    case 'response-metadata':
      return {
        type: 'response-metadata',
        id: part.sessionId,
        timestamp: part.timestamp,
        modelId: part.agent,
      };
    case 'error':
      return { type: 'error', error: part.error };
    case 'finish':
      return {
        type: 'finish',
        finishReason: mapRobocodersFinishReason(part.finishReason),
        // The service reports no token counts.
        usage: { promptTokens: Number.NaN, completionTokens: Number.NaN },
        providerMetadata: {
          robocoders: { ...part.metadata, rawFinishReason: part.rawFinishReason },
        },
      };
    default:
      // Agent actions and observations have no V1 stream part: V1 cannot express
      // provider-executed tool calls. Their text is already part of the answer.
      return undefined;
  }
}

/**
 * A Robocoders agent as an AI SDK 4 (`LanguageModelV1`) model. Each call sends one prompt to
 * an agent session and streams the agent's events back as text (and `thought`s as reasoning).
 */
export class RobocodersChatLanguageModel implements LanguageModelV1 {
  readonly specificationVersion = 'v1';
  readonly defaultObjectGenerationMode = 'json';
  readonly supportsImageUrls = false;
  readonly supportsStructuredOutputs = false;

  constructor(
    readonly modelId: RobocodersChatModelId,
    private readonly settings: RobocodersChatSettings,
    private readonly config: RobocodersChatConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  private warningsFor(options: LanguageModelV1CallOptions): LanguageModelV1CallWarning[] {
    const warnings: LanguageModelV1CallWarning[] = [];
    for (const setting of SAMPLING_SETTINGS) {
      // ai 4 sends temperature 0 when the user set none, so 0 cannot be told apart from unset.
      if (options[setting] != null && !(setting === 'temperature' && options[setting] === 0)) {
        warnings.push({
          type: 'unsupported-setting',
          setting,
          details: 'Robocoders agents do not expose sampling or length controls.',
        });
      }
    }
    if (options.responseFormat?.type === 'json') {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'responseFormat',
        details: 'Robocoders cannot constrain the agent to JSON output.',
      });
    }
    const { mode } = options;
    switch (mode.type) {
      case 'regular':
        for (const tool of mode.tools ?? []) {
          warnings.push({
            type: 'unsupported-tool',
            tool,
            details: 'Robocoders agents use their own tools and cannot call user-defined tools.',
          });
        }
        break;
      case 'object-json':
        if (options.responseFormat?.type !== 'json') {
          warnings.push({
            type: 'unsupported-setting',
            setting: 'responseFormat',
            details:
              'Robocoders cannot constrain the agent to JSON output; the schema only reaches it as instructions in the prompt.',
          });
        }
        break;
      case 'object-tool':
        throw new UnsupportedFunctionalityError({
          functionality: 'object-tool mode',
          message:
            "Robocoders agents cannot call tools, so object generation with mode 'tool' is not supported; use mode 'json'.",
        });
    }
    return warnings;
  }

  async doStream(options: LanguageModelV1CallOptions): Promise<DoStreamResult> {
    const warnings = this.warningsFor(options);
    const providerOptions = parseProviderOptions(options);
    const { prompt } = options;
    assertSupportedPrompt(prompt);
    const maxContinuations =
      providerOptions.maxContinuations ??
      this.settings.maxContinuations ??
      this.config.maxContinuations;
    const continuePrompt =
      providerOptions.continuePrompt ?? this.settings.continuePrompt ?? this.config.continuePrompt;

    const turn = await this.config.client().runTurn({
      agent: this.modelId,
      prompt: {
        full: () => convertToRobocodersPrompt(prompt),
        newTurns: () => convertToRobocodersNewTurns(prompt),
      },
      sessionId: providerOptions.sessionId,
      conversationId: providerOptions.conversationId,
      maxContinuations,
      continuePrompt,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });

    const stream = turn.stream.pipeThrough(
      new TransformStream<RobocodersPart, LanguageModelV1StreamPart>({
        transform(part, controller) {
          const mapped = toV1Part(part);
          if (mapped !== undefined) controller.enqueue(mapped);
        },
      }),
    );

    return {
      stream,
      rawCall: {
        rawPrompt: turn.request.prompt,
        rawSettings: {
          agent: turn.request.agent,
          sessionId: turn.sessionId,
          newSession: turn.newSession,
          maxContinuations,
          continuePrompt,
        },
      },
      rawResponse: { headers: turn.responseHeaders },
      request: { body: JSON.stringify(turn.request) },
      warnings,
    };
  }

  /**
   * Runs {@link doStream} to the end. A stream that ends with an error throws that error, so
   * a broken answer is never returned as a success.
   */
  async doGenerate(options: LanguageModelV1CallOptions): Promise<DoGenerateResult> {
    const { stream, ...result } = await this.doStream(options);
    const reader = stream.getReader();
    let text = '';
    let reasoning = '';
    let finishReason: LanguageModelV1FinishReason = 'unknown';
    let usage = { promptTokens: Number.NaN, completionTokens: Number.NaN };
    let providerMetadata: DoGenerateResult['providerMetadata'];
    let response: DoGenerateResult['response'];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      switch (value.type) {
        case 'text-delta':
          text += value.textDelta;
          break;
        case 'reasoning':
          reasoning += value.textDelta;
          break;
        case 'response-metadata':
          response = { id: value.id, timestamp: value.timestamp, modelId: value.modelId };
          break;
        case 'error':
          await reader.cancel().catch(() => {});
          throw value.error;
        case 'finish':
          finishReason = value.finishReason;
          usage = value.usage;
          providerMetadata = value.providerMetadata;
          break;
      }
    }
    return {
      ...result,
      text,
      reasoning: reasoning === '' ? undefined : reasoning,
      finishReason,
      usage,
      providerMetadata,
      response,
    };
  }
}
