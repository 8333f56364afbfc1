import { type LanguageModelV3, NoSuchModelError, type ProviderV3 } from '@ai-sdk/provider-v3';
import type {
  RobocodersChatModelId,
  RobocodersChatSettings,
  RobocodersProviderSettings,
} from '../robocoders-settings';
import { createModelFactory } from '../shared/create-model-factory';
import { RobocodersChatLanguageModelV3 } from './robocoders-language-model-v3';

/**
 * The Robocoders provider for AI SDK 6 and 7: call it with an agent name to get a
 * `LanguageModelV3`.
 */
export interface RobocodersProviderV3 extends ProviderV3 {
  /** A model that talks to the given agent. */
  (modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): LanguageModelV3;
  /** A model that talks to the given agent. */
  languageModel(modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): LanguageModelV3;
  /** Same as {@link RobocodersProviderV3.languageModel}. */
  chat(modelId: RobocodersChatModelId, settings?: RobocodersChatSettings): LanguageModelV3;
  /**
   * Robocoders has no embedding models.
   *
   * @throws NoSuchModelError always.
   */
  embeddingModel(modelId: string): never;
  /**
   * Robocoders has no image models.
   *
   * @throws NoSuchModelError always.
   */
  imageModel(modelId: string): never;
}

/**
 * Creates a Robocoders provider for AI SDK 6 and 7 (`LanguageModelV3`), with the same settings
 * as the main entry's. Each provider instance keeps its own token and sessions.
 *
 * @example
 * import { createRobocoders } from 'robocoders-ai-provider/v3';
 * const robocoders = createRobocoders({ baseURL: 'http://127.0.0.1:4010' });
 * streamText({ model: robocoders('RepoAgent'), prompt: 'Add a README' });
 */
export function createRobocoders(settings: RobocodersProviderSettings = {}): RobocodersProviderV3 {
  const factory = createModelFactory(
    settings,
    (modelId, modelSettings, config) =>
      new RobocodersChatLanguageModelV3(modelId, modelSettings, config),
  );
  return Object.assign(factory, {
    specificationVersion: 'v3' as const,
    embeddingModel: (modelId: string): never => {
      throw new NoSuchModelError({
        modelId,
        modelType: 'embeddingModel',
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
 * The default AI SDK 6/7 provider: `ROBOCODERS_BASE_URL` or the hosted service,
 * `ROBOCODERS_API_KEY` or a token fetched from `/auth`, an in-memory store.
 */
export const robocoders = createRobocoders();
