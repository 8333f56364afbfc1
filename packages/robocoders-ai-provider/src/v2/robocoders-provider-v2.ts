import { type LanguageModelV2, NoSuchModelError, type ProviderV2 } from '@ai-sdk/provider-v2';
import type {
  RobocodersChatModelId,
  RobocodersChatSettings,
  RobocodersProviderSettings,
} from '../robocoders-settings';
import { createModelFactory } from '../shared/create-model-factory';
import { RobocodersChatLanguageModelV2 } from './robocoders-language-model-v2';

/** The Robocoders provider for AI SDK 5: call it with an agent name to get a `LanguageModelV2`. */
export interface RobocodersProviderV2 extends ProviderV2 {
  /** A model that talks to the given agent. */
  (modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): LanguageModelV2;
  /** A model that talks to the given agent. */
  languageModel(modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): LanguageModelV2;
  /** Same as {@link RobocodersProviderV2.languageModel}. */
  chat(modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): LanguageModelV2;
  /**
   * Robocoders has no embedding models.
   *
   * @throws NoSuchModelError always.
   */
  textEmbeddingModel(modelId: string): never;
  /**
   * Robocoders has no image models.
   *
   * @throws NoSuchModelError always.
   */
  imageModel(modelId: string): never;
}

/**
 * Creates a Robocoders provider for AI SDK 5 (`LanguageModelV2`), with the same settings as the
 * main entry's. Each provider instance keeps its own token and sessions (in `settings.store`).
 *
 * @example
 * import { createRobocoders } from 'robocoders-ai-provider/v2';
 * const robocoders = createRobocoders({ baseURL: 'http://127.0.0.1:4010' });
 * streamText({ model: robocoders('RepoAgent'), prompt: 'Add a README' });
 */
export function createRobocoders(settings: RobocodersProviderSettings = {}): RobocodersProviderV2 {
  const factory = createModelFactory(
    settings,
    (modelId, modelSettings, config) =>
      new RobocodersChatLanguageModelV2(modelId, modelSettings, config),
  );
  return Object.assign(factory, {
    textEmbeddingModel: (modelId: string): never => {
      throw new NoSuchModelError({
        modelId,
        modelType: 'textEmbeddingModel',
        message: `Robocoders has no embedding models (asked for "${modelId}").`,
      });
    },
    imageModel: (modelId: string): never => {
      throw new NoSuchModelError({
        modelId,
        modelType: 'imageModel',
        message: `Robocoders has no image models (asked for "${modelId}").`,
      });
    },
  });
}

/**
 * The default AI SDK 5 provider: `ROBOCODERS_BASE_URL` or the hosted service,
 * `ROBOCODERS_API_KEY` or a token fetched from `/auth`, an in-memory store.
 */
export const robocoders = createRobocoders();
