import type { RobocodersChatConfig } from '../robocoders-language-model';
import { checkChatSettings, robocodersClientGetter } from '../robocoders-provider';
import {
  DEFAULT_CONTINUE_PROMPT,
  DEFAULT_MAX_CONTINUATIONS,
  type RobocodersChatModelId,
  type RobocodersChatSettings,
  type RobocodersProviderSettings,
} from '../robocoders-settings';

/** Builds one spec version's model for an agent. */
export type RobocodersModelBuilder<Model> = (
  modelId: RobocodersChatModelId,
  settings: RobocodersChatSettings,
  config: RobocodersChatConfig,
) => Model;

/** A provider function with its `languageModel` and `chat` aliases. */
export interface RobocodersModelFactory<Model> {
  (modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): Model;
  languageModel(modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): Model;
  chat(modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): Model;
}

/**
 * The part of `createRobocoders` every spec version's entry shares: settings checks, one
 * transport core per provider instance, and the callable provider with its model aliases.
 */
export function createModelFactory<Model>(
  settings: RobocodersProviderSettings,
  build: RobocodersModelBuilder<Model>,
): RobocodersModelFactory<Model> {
  checkChatSettings(settings, 'settings');
  const client = robocodersClientGetter(settings);
  const createModel = (
    modelId: RobocodersChatModelId,
    modelSettings: RobocodersChatSettings = {},
  ): Model => {
    checkChatSettings(modelSettings, 'modelSettings');
    return build(modelId, modelSettings, {
      provider: 'robocoders.chat',
      client,
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
  return provider;
}
