import { InvalidArgumentError } from '@ai-sdk/provider';
import {
  assertSupportedPrompt,
  convertToRobocodersNewTurns,
  convertToRobocodersPrompt,
  type RobocodersPromptMessage,
} from '../convert-to-robocoders-prompt';
import type { ChatRequestBody, RobocodersTurn } from '../core/robocoders-client';
import type { RobocodersAgentSteps, RobocodersFinishReason } from '../core/robocoders-part';
import type { RobocodersProviderMetadata } from '../robocoders-language-model';
import {
  type RobocodersChatModelId,
  type RobocodersChatSettings,
  type RobocodersProviderOptions,
  robocodersProviderOptionsSchema,
} from '../robocoders-settings';
import type { RobocodersChatConfig } from './create-model-factory';
import { createStreamPartMapper, type RobocodersStreamPart } from './robocoders-stream-parts';

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

/**
 * The fields of a call the V2 and V3 specs share (their call options are assignable to it), so
 * both adapters start a call with the same code.
 */
export interface RobocodersCallOptions {
  prompt: ReadonlyArray<RobocodersPromptMessage>;
  maxOutputTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  seed?: number;
  responseFormat?: { type: 'text' } | { type: 'json' };
  tools?: ReadonlyArray<{ type: string; name: string }>;
  includeRawChunks?: boolean;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  providerOptions?: Record<string, unknown>;
}

const SAMPLING_SETTINGS = [
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
  'stopSequences',
] as const;

/** Why a sampling or length setting is ignored, in every spec's warning. */
export const UNSUPPORTED_SAMPLING_DETAILS =
  'Robocoders agents do not expose sampling or length controls.';

/** Why a JSON response format is ignored, in every spec's warning. */
export const UNSUPPORTED_JSON_DETAILS =
  'Robocoders cannot constrain the agent to JSON output; the schema only reaches it as instructions in the prompt.';

/** A call setting the service cannot honour; each adapter turns it into its spec's warning. */
export interface RobocodersUnsupportedSetting {
  setting: (typeof SAMPLING_SETTINGS)[number] | 'responseFormat';
  details: string;
}

/** Why a user-defined tool is ignored, in every spec's tool warning. */
export const UNSUPPORTED_TOOL_DETAILS =
  'Robocoders agents use their own tools and cannot call user-defined tools.';

/**
 * The OpenHands actions Robocoders agents are known to take. A call's tool with one of these
 * names stands for the agent's own tool, not a user-defined one, so it gets no warning.
 */
export const AGENT_ACTIONS: ReadonlySet<string> = new Set([
  'run',
  'run_ipython',
  'read',
  'write',
  'edit',
  'browse',
  'browse_interactive',
  'delegate',
  'recall',
  'search',
]);

/** The call's tools that are not the agent's own: Robocoders cannot call them. */
export function unsupportedTools<Tool extends { name: string }>(
  tools: ReadonlyArray<Tool> | undefined,
): Tool[] {
  return (tools ?? []).filter((tool) => !AGENT_ACTIONS.has(tool.name));
}

/**
 * The settings of a call that Robocoders ignores (tools are reported separately). The V1
 * adapter passes its options under these names too.
 */
export function unsupportedSettings(
  options: Pick<RobocodersCallOptions, (typeof SAMPLING_SETTINGS)[number] | 'responseFormat'>,
): RobocodersUnsupportedSetting[] {
  const unsupported: RobocodersUnsupportedSetting[] = [];
  for (const setting of SAMPLING_SETTINGS) {
    if (options[setting] != null) {
      unsupported.push({ setting, details: UNSUPPORTED_SAMPLING_DETAILS });
    }
  }
  if (options.responseFormat?.type === 'json') {
    unsupported.push({ setting: 'responseFormat', details: UNSUPPORTED_JSON_DETAILS });
  }
  return unsupported;
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
  const providerOptions = parseRobocodersProviderOptions(input.providerOptions);
  const { prompt } = input;
  assertSupportedPrompt(prompt);
  const { settings, config } = model;
  const resolved: RobocodersCallSettings = {
    maxContinuations:
      providerOptions.maxContinuations ?? settings.maxContinuations ?? config.maxContinuations,
    continuePrompt:
      providerOptions.continuePrompt ?? settings.continuePrompt ?? config.continuePrompt,
    agentSteps: providerOptions.agentSteps ?? settings.agentSteps ?? config.agentSteps,
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
  stream: ReadableStream<RobocodersStreamPart>;
  /** The body of the first chat request (the bearer token is never part of it). */
  request: ChatRequestBody;
  responseHeaders: Record<string, string>;
}

/**
 * Starts a V2 or V3 call ({@link runRobocodersTurn}) and maps its parts to
 * {@link RobocodersStreamPart}s. Actions for which `toolActions` holds are shown as tool parts
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
    stream: turn.stream.pipeThrough(createStreamPartMapper(toolActions)),
    request: turn.request,
    responseHeaders: turn.responseHeaders,
  };
}

/** One item of a generate result's ordered `content`, before the spec adds its fields. */
export type RobocodersContent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | Extract<RobocodersStreamPart, { type: 'tool-call' | 'tool-result' }>;

/** A call's stream read to the end. */
export interface RobocodersCollectedCall {
  content: RobocodersContent[];
  finishReason: RobocodersFinishReason;
  providerMetadata: { robocoders: RobocodersProviderMetadata } | undefined;
  response: { id: string; timestamp: Date; modelId: string } | undefined;
}

/**
 * Reads a call's stream into ordered content: one text or reasoning item per block, tool
 * calls and results where they happened. A stream that carries an error throws it, so a
 * broken answer is never returned as a success.
 */
export async function collectRobocodersCall(
  stream: ReadableStream<RobocodersStreamPart>,
): Promise<RobocodersCollectedCall> {
  const reader = stream.getReader();
  const content: RobocodersContent[] = [];
  const collected: RobocodersCollectedCall = {
    content,
    finishReason: 'unknown',
    providerMetadata: undefined,
    response: undefined,
  };
  let block: { type: 'text' | 'reasoning'; text: string } | undefined;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return collected;
    switch (value.type) {
      case 'text-start':
      case 'reasoning-start':
        block = { type: value.type === 'text-start' ? 'text' : 'reasoning', text: '' };
        content.push(block);
        break;
      case 'text-delta':
      case 'reasoning-delta':
        if (block !== undefined) block.text += value.delta;
        break;
      case 'tool-call':
      case 'tool-result':
        content.push(value);
        break;
      case 'response-metadata':
        collected.response = { id: value.id, timestamp: value.timestamp, modelId: value.modelId };
        break;
      case 'error':
        await reader.cancel().catch(() => {});
        throw value.error;
      case 'finish':
        collected.finishReason = value.finishReason;
        collected.providerMetadata = value.providerMetadata;
        break;
    }
  }
}
