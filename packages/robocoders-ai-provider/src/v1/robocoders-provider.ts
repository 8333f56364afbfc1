import type { LanguageModelV1, ProviderV1 } from '@ai-sdk/provider';
import { createModelFactory, type RobocodersModelFactory } from '../shared/create-model-factory';
import { noSuchModel } from '../shared/no-such-model';
import type { RobocodersProviderSettings } from '../shared/robocoders-settings';
import { RobocodersChatLanguageModel } from './robocoders-language-model';
import { zodV3Schemas } from './zod-v3-schemas';

/** The Robocoders provider: call it with an agent name to get a model. */
export interface RobocodersProvider
  extends Omit<ProviderV1, 'languageModel'>,
    RobocodersModelFactory<LanguageModelV1> {
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
  const factory = createModelFactory(settings, RobocodersChatLanguageModel, {
    toolSteps: false,
    schemas: zodV3Schemas,
  });
  return Object.assign(factory, {
    textEmbeddingModel: noSuchModel('textEmbeddingModel', 'embedding'),
  });
}

/**
 * The default provider: `ROBOCODERS_BASE_URL` or the hosted service, `ROBOCODERS_API_KEY` or a
 * token fetched from `/auth`, an in-memory store.
 */
export const robocoders = createRobocoders();
