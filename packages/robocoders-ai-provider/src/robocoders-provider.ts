import {
  InvalidArgumentError,
  type LanguageModelV1,
  NoSuchModelError,
  type ProviderV1,
} from '@ai-sdk/provider';
import { loadOptionalSetting } from '@ai-sdk/provider-utils';
import { RobocodersClient } from './core/robocoders-client';
import { createMemoryStore } from './core/robocoders-store';
import { RobocodersChatLanguageModel } from './robocoders-language-model';
import {
  DEFAULT_BASE_URL,
  DEFAULT_CONTINUE_PROMPT,
  DEFAULT_MAX_CONTINUATIONS,
  MAX_CONTINUATIONS_LIMIT,
  type RobocodersChatModelId,
  type RobocodersChatSettings,
  type RobocodersProviderSettings,
} from './robocoders-settings';

/** The Robocoders provider: call it with an agent name to get a model. */
export interface RobocodersProvider extends ProviderV1 {
  /** A model that talks to the given agent. */
  (modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): LanguageModelV1;
  /** A model that talks to the given agent. */
  languageModel(modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): LanguageModelV1;
  /** Same as {@link RobocodersProvider.languageModel}. */
  chat(modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): LanguageModelV1;
  /**
   * Robocoders has no embedding models.
   *
   * @throws NoSuchModelError always.
   */
  textEmbeddingModel(modelId: string): never;
}

/**
 * Checks the continuation settings of a provider or model (shared by every spec version's entry).
 *
 * @throws InvalidArgumentError naming the bad setting.
 */
export function checkChatSettings(settings: RobocodersChatSettings, where: string): void {
  const { maxContinuations, continuePrompt } = settings;
  if (
    maxContinuations !== undefined &&
    (!Number.isInteger(maxContinuations) ||
      maxContinuations < 0 ||
      maxContinuations > MAX_CONTINUATIONS_LIMIT)
  ) {
    throw new InvalidArgumentError({
      argument: `${where}.maxContinuations`,
      message: `Robocoders: maxContinuations must be an integer from 0 to ${MAX_CONTINUATIONS_LIMIT}, got ${maxContinuations}.`,
    });
  }
  if (
    continuePrompt !== undefined &&
    (typeof continuePrompt !== 'string' || continuePrompt === '')
  ) {
    throw new InvalidArgumentError({
      argument: `${where}.continuePrompt`,
      message: 'Robocoders: continuePrompt must be a non-empty string.',
    });
  }
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
    throw new InvalidArgumentError({
      argument: 'baseURL',
      message: `Robocoders: baseURL "${baseURL}" is not a valid URL.`,
      cause: error,
    });
  }
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new InvalidArgumentError({
      argument: 'baseURL',
      message: `Robocoders: baseURL must be an http(s) URL, got "${baseURL}".`,
    });
  }
  return baseURL;
}

/**
 * The transport core of one provider instance, created on first use so environment variables
 * set after import (dotenv...) are honoured. Every spec version's provider builds on it.
 */
export function robocodersClientGetter(
  settings: RobocodersProviderSettings,
): () => RobocodersClient {
  let client: RobocodersClient | undefined;
  return () => {
    client ??= new RobocodersClient({
      baseURL: resolveBaseURL(settings.baseURL),
      apiKey: () =>
        loadOptionalSetting({
          settingValue: settings.apiKey,
          environmentVariableName: 'ROBOCODERS_API_KEY',
        }) || undefined,
      headers: () => ({ ...settings.headers }),
      fetch: settings.fetch,
      store: settings.store ?? createMemoryStore(),
    });
    return client;
  };
}

/**
 * Creates a Robocoders provider. Each provider instance keeps its own token and sessions
 * (in `settings.store`); share one instance, or one store, to share them.
 *
 * @example
 * const robocoders = createRobocoders({ baseURL: 'http://127.0.0.1:4010' });
 * streamText({ model: robocoders('RepoAgent'), prompt: 'Add a README' });
 */
export function createRobocoders(settings: RobocodersProviderSettings = {}): RobocodersProvider {
  checkChatSettings(settings, 'settings');
  const getClient = robocodersClientGetter(settings);

  const createModel = (
    modelId: RobocodersChatModelId,
    modelSettings: RobocodersChatSettings = {},
  ) => {
    checkChatSettings(modelSettings, 'modelSettings');
    return new RobocodersChatLanguageModel(modelId, modelSettings, {
      provider: 'robocoders.chat',
      client: getClient,
      maxContinuations: settings.maxContinuations ?? DEFAULT_MAX_CONTINUATIONS,
      continuePrompt: settings.continuePrompt ?? DEFAULT_CONTINUE_PROMPT,
    });
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
  provider.textEmbeddingModel = (modelId: string): never => {
    throw new NoSuchModelError({
      modelId,
      modelType: 'textEmbeddingModel',
      message: `Robocoders has no embedding models (asked for "${modelId}").`,
    });
  };
  return provider as RobocodersProvider;
}

/**
 * The default provider: `ROBOCODERS_BASE_URL` or the hosted service, `ROBOCODERS_API_KEY` or a
 * token fetched from `/auth`, an in-memory store.
 */
export const robocoders = createRobocoders();
