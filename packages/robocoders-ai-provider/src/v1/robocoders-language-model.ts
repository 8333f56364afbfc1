import type {
  LanguageModelV1,
  LanguageModelV1CallOptions,
  LanguageModelV1CallWarning,
  LanguageModelV1FinishReason,
  LanguageModelV1StreamPart,
} from '@ai-sdk/provider';
import { unsupportedFunctionalityError } from '../core/caller-errors';
import { DEFAULT_FINISH_REASON, type RobocodersPart } from '../core/robocoders-part';
import {
  UNSUPPORTED_JSON_DETAILS,
  UNSUPPORTED_TOOL_DETAILS,
  unsupportedSettings,
} from '../shared/call-warnings';
import { readParts } from '../shared/read-parts';
import { runRobocodersTurn } from '../shared/robocoders-call';
import { RobocodersChatModelBase } from '../shared/robocoders-chat-model';
import { providerMetadataOf } from '../shared/robocoders-provider-metadata';
import { mapRobocodersFinishReason } from './map-robocoders-finish-reason';
import { mapRobocodersUsage } from './map-robocoders-usage';

type DoStreamResult = Awaited<ReturnType<LanguageModelV1['doStream']>>;
type DoGenerateResult = Awaited<ReturnType<LanguageModelV1['doGenerate']>>;

/**
 * Maps the core's parts to V1's, joining what V1 shows as one string: the text blocks of a call
 * (and its reasoning blocks) are separated by a blank line.
 */
function createV1PartStream(): TransformStream<RobocodersPart, LanguageModelV1StreamPart> {
  // Per kind: whether the call has shown some already, and whether the open block still owes
  // the blank line that separates it from the one before.
  const shown = { text: false, reasoning: false };
  const owesSeparator = { text: false, reasoning: false };
  return new TransformStream({
    transform(part, controller) {
      switch (part.type) {
        case 'text-start':
        case 'reasoning-start': {
          const kind = part.type === 'text-start' ? 'text' : 'reasoning';
          owesSeparator[kind] = shown[kind];
          break;
        }
        case 'text-delta':
        case 'reasoning-delta': {
          const kind = part.type === 'text-delta' ? 'text' : 'reasoning';
          const textDelta = owesSeparator[kind] ? `\n\n${part.delta}` : part.delta;
          owesSeparator[kind] = false;
          shown[kind] = true;
          controller.enqueue({ type: kind === 'text' ? 'text-delta' : 'reasoning', textDelta });
          break;
        }
        default: {
          const mapped = toV1Part(part);
          if (mapped !== undefined) controller.enqueue(mapped);
        }
      }
    },
  });
}

function toV1Part(part: RobocodersPart): LanguageModelV1StreamPart | undefined {
  switch (part.type) {
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
        usage: mapRobocodersUsage(part.usage),
        providerMetadata: providerMetadataOf(part),
      };
    default:
      // Agent actions and observations have no V1 stream part: V1 cannot express
      // provider-executed tool calls. Their text is already in the text or the reasoning.
      return undefined;
  }
}

/**
 * A Robocoders agent as an AI SDK 4 (`LanguageModelV1`) model. Each call sends one prompt to
 * an agent session and streams the agent's events back as text, `thought`s as reasoning, and
 * its steps as text or reasoning (the `agentSteps` setting).
 */
export class RobocodersChatLanguageModel
  extends RobocodersChatModelBase
  implements LanguageModelV1
{
  readonly specificationVersion = 'v1';
  readonly defaultObjectGenerationMode = 'json';
  readonly supportsImageUrls = false;
  readonly supportsStructuredOutputs = false;

  private warningsFor(options: LanguageModelV1CallOptions): LanguageModelV1CallWarning[] {
    const warnings: LanguageModelV1CallWarning[] = unsupportedSettings({
      maxOutputTokens: options.maxTokens,
      // ai 4 sends temperature 0 when the user set none, so 0 cannot be told apart from unset.
      temperature: options.temperature === 0 ? undefined : options.temperature,
      topP: options.topP,
      topK: options.topK,
      presencePenalty: options.presencePenalty,
      frequencyPenalty: options.frequencyPenalty,
      seed: options.seed,
      stopSequences: options.stopSequences,
      responseFormat: options.responseFormat,
    }).map(({ setting, details }) => ({
      type: 'unsupported-setting',
      setting: setting === 'maxOutputTokens' ? 'maxTokens' : setting,
      details,
    }));
    const { mode } = options;
    switch (mode.type) {
      case 'regular':
        // V1 cannot show the agent's own steps as tool calls, so every tool is the user's.
        for (const tool of mode.tools ?? []) {
          warnings.push({ type: 'unsupported-tool', tool, details: UNSUPPORTED_TOOL_DETAILS });
        }
        break;
      case 'object-json':
        if (options.responseFormat?.type !== 'json') {
          warnings.push({
            type: 'unsupported-setting',
            setting: 'responseFormat',
            details: UNSUPPORTED_JSON_DETAILS,
          });
        }
        break;
      case 'object-tool':
        throw unsupportedFunctionalityError(
          'object-tool mode',
          "Robocoders agents cannot call tools, so object generation with mode 'tool' is not supported; use mode 'json'.",
        );
    }
    return warnings;
  }

  async doStream(options: LanguageModelV1CallOptions): Promise<DoStreamResult> {
    const warnings = this.warningsFor(options);
    const { turn, settings } = await runRobocodersTurn(this.context, {
      prompt: options.prompt,
      // ai 4 passes providerOptions to the model as providerMetadata.
      providerOptions: options.providerMetadata?.robocoders,
      headers: options.headers,
      abortSignal: options.abortSignal,
    });

    const stream = turn.stream.pipeThrough(createV1PartStream());

    return {
      stream,
      rawCall: {
        rawPrompt: turn.request.prompt,
        rawSettings: {
          agent: turn.request.agent,
          sessionId: turn.sessionId,
          newSession: turn.newSession,
          ...settings,
        },
      },
      rawResponse: { headers: turn.responseHeaders },
      request: { body: JSON.stringify(turn.request) },
      warnings: [
        ...warnings,
        ...turn.warnings.map((message) => ({ type: 'other' as const, message })),
      ],
    };
  }

  /**
   * Runs {@link doStream} to the end. A stream that ends with an error throws that error, so
   * a broken answer is never returned as a success.
   */
  async doGenerate(options: LanguageModelV1CallOptions): Promise<DoGenerateResult> {
    const { stream, ...result } = await this.doStream(options);
    let text = '';
    let reasoning = '';
    let finishReason: LanguageModelV1FinishReason =
      mapRobocodersFinishReason(DEFAULT_FINISH_REASON);
    let usage = mapRobocodersUsage(undefined);
    let providerMetadata: DoGenerateResult['providerMetadata'];
    let response: DoGenerateResult['response'];
    await readParts(stream, (part) => {
      switch (part.type) {
        case 'text-delta':
          text += part.textDelta;
          break;
        case 'reasoning':
          reasoning += part.textDelta;
          break;
        case 'response-metadata':
          response = { id: part.id, timestamp: part.timestamp, modelId: part.modelId };
          break;
        case 'finish':
          ({ finishReason, usage, providerMetadata } = part);
          break;
      }
    });
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
