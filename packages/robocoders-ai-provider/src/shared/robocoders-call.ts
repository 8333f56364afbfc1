import type { ChatRequestBody } from '../core/chat-request-body';
import type { RobocodersTurn } from '../core/robocoders-client';
import type { RobocodersAgentSteps, RobocodersPart } from '../core/robocoders-part';
import type { RobocodersCallSettingsInput } from './call-warnings';
import {
  assertSupportedPrompt,
  convertToRobocodersNewTurns,
  convertToRobocodersPrompt,
  type RobocodersPromptMessage,
} from './convert-to-robocoders-prompt';
import type { RobocodersChatConfig } from './create-model-factory';
import { parseProviderOptions } from './parse-settings';
import type { RobocodersChatModelId, RobocodersChatSettings } from './robocoders-settings';

/**
 * The fields of a call the V2 and V3 specs share (their call options are assignable to it), so
 * both adapters start a call with the same code.
 */
export interface RobocodersCallOptions extends RobocodersCallSettingsInput {
  prompt: ReadonlyArray<RobocodersPromptMessage>;
  tools?: ReadonlyArray<{ type: string; name: string }>;
  includeRawChunks?: boolean;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  providerOptions?: Record<string, unknown>;
}

/** What a model needs to start a call: its id, its settings and the provider's config. */
export interface RobocodersModelContext {
  modelId: RobocodersChatModelId;
  settings: RobocodersChatSettings;
  config: RobocodersChatConfig;
}

/** The call's settings after provider options, model settings and provider defaults. */
export interface RobocodersCallSettings {
  maxContinuations: number;
  continuePrompt: string;
  agentSteps: RobocodersAgentSteps;
  idleTimeoutMs: number;
  maxEventBytes: number;
}

/** What every spec version's model passes to {@link runRobocodersTurn}. */
export interface RobocodersTurnInput {
  prompt: ReadonlyArray<RobocodersPromptMessage>;
  /** The call's `providerOptions.robocoders` (V1: `providerMetadata.robocoders`), unvalidated. */
  providerOptions: unknown;
  headers?: Record<string, string | undefined>;
  abortSignal?: AbortSignal;
  includeRawEvents?: boolean;
  /** The actions the adapter shows as tool calls; default none. */
  toolActions?: (action: string) => boolean;
}

/**
 * Validates the provider options and the prompt, resolves the call's settings (provider option,
 * else model setting, else provider setting or default) and runs the turn on the transport core.
 * Every spec version's model starts its calls here, so a new setting is added in one place.
 *
 * @throws InvalidArgumentError for bad provider options, UnsupportedFunctionalityError for media
 * in the prompt, APICallError when the service refuses the call.
 */
export async function runRobocodersTurn(
  model: RobocodersModelContext,
  input: RobocodersTurnInput,
): Promise<{ turn: RobocodersTurn; settings: RobocodersCallSettings }> {
  const providerOptions = parseProviderOptions(input.providerOptions);
  const { prompt } = input;
  assertSupportedPrompt(prompt);
  const { settings, config } = model;
  const resolved: RobocodersCallSettings = {
    maxContinuations:
      providerOptions.maxContinuations ?? settings.maxContinuations ?? config.maxContinuations,
    continuePrompt:
      providerOptions.continuePrompt ?? settings.continuePrompt ?? config.continuePrompt,
    agentSteps: providerOptions.agentSteps ?? settings.agentSteps ?? config.agentSteps,
    idleTimeoutMs: providerOptions.idleTimeoutMs ?? settings.idleTimeoutMs ?? config.idleTimeoutMs,
    maxEventBytes: providerOptions.maxEventBytes ?? settings.maxEventBytes ?? config.maxEventBytes,
  };
  const turn = await config.client().runTurn({
    agent: model.modelId,
    prompt: {
      full: () => convertToRobocodersPrompt(prompt),
      newTurns: () => convertToRobocodersNewTurns(prompt),
    },
    sessionId: providerOptions.sessionId,
    conversationId: providerOptions.conversationId,
    ...resolved,
    headers: input.headers,
    abortSignal: input.abortSignal,
    includeRawEvents: input.includeRawEvents ?? false,
    toolActions: input.toolActions,
  });
  return { turn, settings: resolved };
}

/** A call whose chat request the server accepted. */
export interface RobocodersCall {
  /** The core's parts; the spec model maps them in one stage (`mapStreamParts`). */
  stream: ReadableStream<RobocodersPart>;
  /** The actions shown as tool calls, for that mapping. */
  toolActions: (action: string) => boolean;
  /** The body of the first chat request (the bearer token is never part of it). */
  request: ChatRequestBody;
  responseHeaders: Record<string, string>;
  /** Faults the call recovered from, for the spec's `other` warnings. */
  warnings: string[];
}

/**
 * Starts a V2 or V3 call ({@link runRobocodersTurn}). Actions for which `toolActions` holds are shown as tool parts
 * and add no text or reasoning; the others follow the `agentSteps` setting as in the V1 entry.
 *
 * @throws as {@link runRobocodersTurn}.
 */
export async function startRobocodersCall(
  model: RobocodersModelContext,
  options: RobocodersCallOptions,
  toolActions: (action: string) => boolean,
): Promise<RobocodersCall> {
  const { turn } = await runRobocodersTurn(model, {
    prompt: options.prompt,
    providerOptions: options.providerOptions?.robocoders,
    headers: options.headers,
    abortSignal: options.abortSignal,
    includeRawEvents: options.includeRawChunks ?? false,
    toolActions,
  });
  return {
    stream: turn.stream,
    toolActions,
    request: turn.request,
    responseHeaders: turn.responseHeaders,
    warnings: turn.warnings,
  };
}
