import type { ChatRequestBody } from '../core/chat-request-body';
import type { RobocodersTurn } from '../core/robocoders-client';
import type { RobocodersPart } from '../core/robocoders-part';
import type { RobocodersCallSettingsInput } from './call-warnings';
import type { RobocodersPromptMessage } from './convert-to-robocoders-prompt';
import type { RobocodersChatConfig } from './create-model-factory';
import { checkAgentSteps, parseProviderOptions } from './parse-settings';
import {
  type RobocodersAgentSteps,
  type RobocodersChatModelId,
  type RobocodersChatSettings,
  type RobocodersResolvedChatSettings,
  resolveChatSettings,
} from './robocoders-settings';
import { sessionFromHistory } from './session-from-history';

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
export type RobocodersCallSettings = RobocodersResolvedChatSettings;

/** Which actions a spec shows as tool calls, given the call's `agentSteps`. */
export type ToolActionsFor = (agentSteps: RobocodersAgentSteps) => (action: string) => boolean;

const NO_TOOL_ACTIONS = () => false;

/** What every spec version's model passes to {@link runRobocodersTurn}. */
export interface RobocodersTurnInput {
  prompt: ReadonlyArray<RobocodersPromptMessage>;
  /** The call's `providerOptions.robocoders` (V1: `providerMetadata.robocoders`), unvalidated. */
  providerOptions: unknown;
  headers?: Record<string, string | undefined>;
  abortSignal?: AbortSignal;
  includeRawEvents?: boolean;
  /** The actions the adapter shows as tool calls; default none. */
  toolActions?: ToolActionsFor;
}

/** A turn the server accepted, with the settings it runs with. */
export interface RobocodersStartedTurn {
  turn: RobocodersTurn;
  settings: RobocodersCallSettings;
  /** The actions shown as tool calls in this call. */
  toolActions: (action: string) => boolean;
}

/**
 * Validates the provider options and the prompt, resolves the call's settings (provider option,
 * else model setting, else provider setting, else the entry's default), finds the session the
 * prompt's history names, and runs the turn on the transport core. Every spec version's model
 * starts its calls here.
 *
 * @throws InvalidArgumentError for bad provider options, UnsupportedFunctionalityError for media
 * in the prompt, APICallError when the service refuses the call.
 */
export async function runRobocodersTurn(
  model: RobocodersModelContext,
  input: RobocodersTurnInput,
): Promise<RobocodersStartedTurn> {
  const { settings: modelSettings, config } = model;
  const providerOptions = parseProviderOptions(input.providerOptions, config.schemas);
  checkAgentSteps(providerOptions, 'providerOptions.robocoders', config.toolSteps);
  const { prompt } = input;
  // Loaded with the first call (text files, media checks): not part of an app's cold start.
  const { assertSupportedPrompt, convertToRobocodersNewTurns, convertToRobocodersPrompt } =
    await import('./convert-to-robocoders-prompt');
  assertSupportedPrompt(prompt);
  const settings = resolveChatSettings(
    [providerOptions, modelSettings, config.providerSettings],
    config.defaults,
  );
  const history = settings.sessionFromHistory
    ? sessionFromHistory(prompt, config.schemas().sessionId)
    : undefined;
  const toolActions = input.toolActions?.(settings.agentSteps) ?? NO_TOOL_ACTIONS;
  const client = await config.client();
  const turn = await client.runTurn({
    agent: model.modelId,
    prompt: {
      full: () => convertToRobocodersPrompt(prompt),
      newTurns: (origin) =>
        convertToRobocodersNewTurns(
          prompt,
          origin === 'history' ? history?.messageIndex : undefined,
        ),
    },
    sessionId: providerOptions.sessionId,
    conversationId: providerOptions.conversationId,
    historySessionId: history?.sessionId,
    maxContinuations: settings.maxContinuations,
    continuePrompt: settings.continuePrompt,
    continueOnWait: settings.continueOnWait,
    // Steps shown as tool parts add no text; the others go to the text.
    agentSteps: settings.agentSteps === 'reasoning' ? 'reasoning' : 'text',
    idleTimeoutMs: settings.idleTimeoutMs,
    maxEventBytes: settings.maxEventBytes,
    headers: input.headers,
    abortSignal: input.abortSignal,
    includeRawEvents: input.includeRawEvents ?? false,
    toolActions,
  });
  return { turn, settings, toolActions };
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
 * Starts a V2+ call ({@link runRobocodersTurn}). Actions the spec shows as tool parts (given the
 * call's `agentSteps`) add no text or reasoning; the others follow `agentSteps` as in V1.
 *
 * @throws as {@link runRobocodersTurn}.
 */
export async function startRobocodersCall(
  model: RobocodersModelContext,
  options: RobocodersCallOptions,
  toolActionsFor: ToolActionsFor,
): Promise<RobocodersCall> {
  const { turn, toolActions } = await runRobocodersTurn(model, {
    prompt: options.prompt,
    providerOptions: options.providerOptions?.robocoders,
    headers: options.headers,
    abortSignal: options.abortSignal,
    includeRawEvents: options.includeRawChunks ?? false,
    toolActions: toolActionsFor,
  });
  return {
    stream: turn.stream,
    toolActions,
    request: turn.request,
    responseHeaders: turn.responseHeaders,
    warnings: turn.warnings,
  };
}
