import { type LanguageModelV1, NoSuchModelError, type ProviderV1 } from '@ai-sdk/provider';
import { RobocodersChatLanguageModel } from './robocoders-language-model';
import type {
  RobocodersChatModelId,
  RobocodersChatSettings,
  RobocodersProviderSettings,
} from './robocoders-settings';
import { createModelFactory } from './shared/create-model-factory';

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
 * Creates a Robocoders provider. Each provider instance keeps its own token and sessions
 * (in `settings.store`); share one instance, or one store, to share them.
 *
 * @example
 * const robocoders = createRobocoders({ baseURL: 'http://127.0.0.1:4010' });
 * streamText({ model: robocoders('RepoAgent'), prompt: 'Add a README' });
 */
export function createRobocoders(settings: RobocodersProviderSettings = {}): RobocodersProvider {
  const factory = createModelFactory(
    settings,
    (modelId, modelSettings, config) =>
      new RobocodersChatLanguageModel(modelId, modelSettings, config),
  );
  return Object.assign(factory, {
    textEmbeddingModel: (modelId: string): never => {
      throw new NoSuchModelError({
        modelId,
        modelType: 'textEmbeddingModel',
        message: `Robocoders has no embedding models (asked for "${modelId}").`,
      });
    },
  });
}

/**
 * The default provider: `ROBOCODERS_BASE_URL` or the hosted service, `ROBOCODERS_API_KEY` or a
 * token fetched from `/auth`, an in-memory store.
 */
export const robocoders = createRobocoders();
