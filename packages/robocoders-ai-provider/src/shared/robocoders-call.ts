import {
  assertSupportedPrompt,
  convertToRobocodersNewTurns,
  convertToRobocodersPrompt,
  type RobocodersPromptMessage,
} from '../convert-to-robocoders-prompt';
import type { ChatRequestBody } from '../core/robocoders-client';
import type { RobocodersFinishReason } from '../core/robocoders-part';
import {
  parseRobocodersProviderOptions,
  type RobocodersChatConfig,
  type RobocodersProviderMetadata,
} from '../robocoders-language-model';
import type { RobocodersChatModelId, RobocodersChatSettings } from '../robocoders-settings';
import { createStreamPartMapper, type RobocodersStreamPart } from './robocoders-stream-parts';

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

/** The settings of a call that Robocoders ignores (tools are reported separately). */
export function unsupportedSettings(
  options: RobocodersCallOptions,
): RobocodersUnsupportedSetting[] {
  const unsupported: RobocodersUnsupportedSetting[] = [];
  for (const setting of SAMPLING_SETTINGS) {
    if (options[setting] != null) {
      unsupported.push({
        setting,
        details: 'Robocoders agents do not expose sampling or length controls.',
      });
    }
  }
  if (options.responseFormat?.type === 'json') {
    unsupported.push({
      setting: 'responseFormat',
      details:
        'Robocoders cannot constrain the agent to JSON output; the schema only reaches it as instructions in the prompt.',
    });
  }
  return unsupported;
}

/** What a model needs to start a call: its id, its settings and the provider's config. */
export interface RobocodersModelContext {
  modelId: RobocodersChatModelId;
  settings: RobocodersChatSettings;
  config: RobocodersChatConfig;
}

/** A call whose chat request the server accepted. */
export interface RobocodersCall {
  stream: ReadableStream<RobocodersStreamPart>;
  /** The body of the first chat request (the bearer token is never part of it). */
  request: ChatRequestBody;
  responseHeaders: Record<string, string>;
}

/**
 * Validates the call, runs the turn on the transport core and maps its parts to
 * {@link RobocodersStreamPart}s. Actions for which `toolActions` holds are shown as tool parts
 * and add no text; the others stay in the text as in the V1 entry.
 *
 * @throws InvalidArgumentError for bad provider options, UnsupportedFunctionalityError for media
 * in the prompt, APICallError when the service refuses the call.
 */
export async function startRobocodersCall(
  model: RobocodersModelContext,
  options: RobocodersCallOptions,
  toolActions: (action: string) => boolean,
): Promise<RobocodersCall> {
  const providerOptions = parseRobocodersProviderOptions(options.providerOptions?.robocoders);
  const { prompt } = options;
  assertSupportedPrompt(prompt);
  const turn = await model.config.client().runTurn({
    agent: model.modelId,
    prompt: {
      full: () => convertToRobocodersPrompt(prompt),
      newTurns: () => convertToRobocodersNewTurns(prompt),
    },
    sessionId: providerOptions.sessionId,
    conversationId: providerOptions.conversationId,
    maxContinuations:
      providerOptions.maxContinuations ??
      model.settings.maxContinuations ??
      model.config.maxContinuations,
    continuePrompt:
      providerOptions.continuePrompt ??
      model.settings.continuePrompt ??
      model.config.continuePrompt,
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
