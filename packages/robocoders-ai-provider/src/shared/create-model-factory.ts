import { loadOptionalSetting } from '@ai-sdk/provider-utils';
import { invalidArgumentError } from '../core/caller-errors';
import type { RobocodersClient } from '../core/robocoders-client';
import type { GetSessionCodeOptions, RobocodersSessionCode } from '../core/session-code';
import { checkAgentSteps, checkChatSettings, checkProviderSettings } from './parse-settings';
import {
  DEFAULT_BASE_URL,
  DEFAULT_CONVERSATION_TTL_SECONDS,
  ROBOCODERS_CHAT_DEFAULTS,
  type RobocodersChatModelId,
  type RobocodersChatSettings,
  type RobocodersProviderSettings,
  type RobocodersResolvedChatSettings,
  type RobocodersSchemas,
} from './robocoders-settings';

/** How a model reaches the transport core, and the provider's settings; built by the provider. */
export interface RobocodersChatConfig {
  provider: string;
  /** The transport core, loaded and created on the first call. */
  client: () => Promise<RobocodersClient>;
  /** The provider-level chat settings (`createRobocoders(settings)`). */
  providerSettings: RobocodersChatSettings;
  /** The defaults of this spec entry. */
  defaults: RobocodersResolvedChatSettings;
  /** Whether this entry can show the agent's steps as tool parts (`agentSteps: 'tools'`). */
  toolSteps: boolean;
  /** The settings' schemas on the zod this entry's AI SDK loads. */
  schemas: () => RobocodersSchemas;
}

/** What tells the spec entries' factories apart. */
export interface RobocodersEntryOptions {
  /** The entry can show the agent's steps as tool parts, and does by default (`/v3`, `/v4`). */
  toolSteps: boolean;
  /** The settings' schemas on the zod this entry's AI SDK loads (`zod/v3` for ai 4). */
  schemas: () => RobocodersSchemas;
}

/** One spec version's model class. */
export type RobocodersModelClass<Model> = new (
  modelId: RobocodersChatModelId,
  settings: RobocodersChatSettings,
  config: RobocodersChatConfig,
) => Model;

/** A provider function with its `languageModel` and `chat` aliases, and `getSessionCode`. */
export interface RobocodersModelFactory<Model> {
  /** A model that talks to the given agent. */
  (modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): Model;
  /** A model that talks to the given agent. */
  languageModel(modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): Model;
  /** Same as `languageModel`. */
  chat(modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): Model;
  /**
   * The code a session's agent wrote, as a git repository `githubUsername` gets access to. Pass
   * exactly one of `sessionId` (`providerMetadata.robocoders.sessionId`) and `conversationId` (a
   * conversation whose session this provider's store remembers). Uses the provider's token.
   *
   * @example
   * const { repoUrl } = await robocoders.getSessionCode({ sessionId, githubUsername: 'octocat' });
   *
   * @throws InvalidArgumentError for bad options or an unknown conversation (before any request),
   * APICallError when the service refuses (404: unknown session, not retryable).
   */
  getSessionCode(options: GetSessionCodeOptions): Promise<RobocodersSessionCode>;
}

function resolveBaseURL(setting: string | undefined): string {
  const value =
    loadOptionalSetting({
      settingValue: setting,
      environmentVariableName: 'ROBOCODERS_BASE_URL',
    }) || DEFAULT_BASE_URL;
  const baseURL = value.replace(/\/+$/, '');
  let protocol: string;
  try {
    protocol = new URL(baseURL).protocol;
  } catch (error) {
    throw invalidArgumentError(
      'baseURL',
      `Robocoders: baseURL "${baseURL}" is not a valid URL.`,
      error,
    );
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw invalidArgumentError(
      'baseURL',
      `Robocoders: baseURL must be an http(s) URL, got "${baseURL}".`,
    );
  }
  return baseURL;
}

/**
 * The transport core of one provider instance, created on first use so environment variables
 * set after import (dotenv...) are honoured. Its code loads then too: an app's cold start (an
 * edge or serverless function that may never call the model) does not pay for it.
 */
function robocodersClientGetter(
  settings: RobocodersProviderSettings,
): () => Promise<RobocodersClient> {
  let client: Promise<RobocodersClient> | undefined;
  const create = async () => {
    const [{ RobocodersClient }, { createMemoryStore }] = await Promise.all([
      import('../core/robocoders-client'),
      import('../core/robocoders-store'),
    ]);
    return new RobocodersClient({
      baseURL: resolveBaseURL(settings.baseURL),
      apiKey: () =>
        loadOptionalSetting({
          settingValue: settings.apiKey,
          environmentVariableName: 'ROBOCODERS_API_KEY',
        }) || undefined,
      headers: () => ({ ...settings.headers }),
      fetch: settings.fetch,
      store: settings.store ?? createMemoryStore(),
      conversationTtlSeconds: settings.conversationTtlSeconds ?? DEFAULT_CONVERSATION_TTL_SECONDS,
      logger: settings.logger,
    });
  };
  return () => {
    client ??= create().catch((error: unknown) => {
      // A failed load (a deploy that lost a chunk) is not remembered: the next call tries again.
      client = undefined;
      throw error;
    });
    return client;
  };
}

/**
 * The part of `createRobocoders` every spec version's entry shares: settings checks, one
 * transport core per provider instance, and the callable provider with its model aliases.
 */
export function createModelFactory<Model>(
  settings: RobocodersProviderSettings,
  ModelClass: RobocodersModelClass<Model>,
  { toolSteps, schemas }: RobocodersEntryOptions,
): RobocodersModelFactory<Model> {
  checkProviderSettings(settings, schemas);
  checkAgentSteps(settings, 'settings', toolSteps);
  const client = robocodersClientGetter(settings);
  const config: RobocodersChatConfig = {
    provider: 'robocoders.chat',
    client,
    providerSettings: settings,
    defaults: toolSteps
      ? { ...ROBOCODERS_CHAT_DEFAULTS, agentSteps: 'tools' }
      : ROBOCODERS_CHAT_DEFAULTS,
    toolSteps,
    schemas,
  };
  const createModel = (
    modelId: RobocodersChatModelId,
    modelSettings: RobocodersChatSettings = {},
  ): Model => {
    checkChatSettings(modelSettings, 'modelSettings', schemas);
    checkAgentSteps(modelSettings, 'modelSettings', toolSteps);
    return new ModelClass(modelId, modelSettings, config);
  };
  const provider = function (
    this: unknown,
    modelId: RobocodersChatModelId,
    modelSettings?: RobocodersChatSettings,
  ) {
    if (new.target) {
      throw new Error('The Robocoders model function cannot be called with the new keyword.');
    }
    return createModel(modelId, modelSettings);
  };
  provider.languageModel = createModel;
  provider.chat = createModel;
  provider.getSessionCode = async (options: GetSessionCodeOptions) =>
    (await client()).getSessionCode(options);
  return provider;
}
