import type { LanguageModelV2, ProviderV2 } from '@ai-sdk/provider-v2';
import { createModelFactory, type RobocodersModelFactory } from '../shared/create-model-factory';
import { noSuchModel } from '../shared/no-such-model';
import type { RobocodersProviderSettings } from '../shared/robocoders-settings';
import { zodV4Schemas } from '../shared/zod-v4-schemas';
import { RobocodersChatLanguageModelV2 } from './robocoders-language-model-v2';

/** The Robocoders provider for AI SDK 5: call it with an agent name to get a `LanguageModelV2`. */
export interface RobocodersProviderV2
  extends Omit<ProviderV2, 'languageModel'>,
    RobocodersModelFactory<LanguageModelV2> {
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
  return Object.assign(
    createModelFactory(settings, RobocodersChatLanguageModelV2, {
      toolSteps: false,
      schemas: zodV4Schemas,
    }),
    {
      textEmbeddingModel: noSuchModel('textEmbeddingModel', 'embedding'),
      imageModel: noSuchModel('imageModel', 'image'),
    },
  );
}

/**
 * The default AI SDK 5 provider: `ROBOCODERS_BASE_URL` or the hosted service,
 * `ROBOCODERS_API_KEY` or a token fetched from `/auth`, an in-memory store.
 */
export const robocoders = createRobocoders();
