import type { LanguageModelV3, ProviderV3 } from '@ai-sdk/provider-v3';
import { createModelFactory, type RobocodersModelFactory } from '../shared/create-model-factory';
import { noSuchModel } from '../shared/no-such-model';
import type { RobocodersProviderSettings } from '../shared/robocoders-settings';
import { zodV4Schemas } from '../shared/zod-v4-schemas';
import { RobocodersChatLanguageModelV3 } from './robocoders-language-model-v3';

/**
 * The Robocoders provider for AI SDK 6 and 7: call it with an agent name to get a
 * `LanguageModelV3`. It has no embedding or image models: those methods throw
 * `NoSuchModelError`.
 */
export interface RobocodersProviderV3
  extends Omit<ProviderV3, 'languageModel'>,
    RobocodersModelFactory<LanguageModelV3> {
  embeddingModel(modelId: string): never;
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
  return Object.assign(
    createModelFactory(settings, RobocodersChatLanguageModelV3, {
      toolSteps: true,
      schemas: zodV4Schemas,
    }),
    {
      specificationVersion: 'v3' as const,
      embeddingModel: noSuchModel('embeddingModel', 'embedding'),
      imageModel: noSuchModel('imageModel', 'image'),
    },
  );
}

/**
 * The default AI SDK 6/7 provider: `ROBOCODERS_BASE_URL` or the hosted service,
 * `ROBOCODERS_API_KEY` or a token fetched from `/auth`, an in-memory store.
 */
export const robocoders = createRobocoders();
