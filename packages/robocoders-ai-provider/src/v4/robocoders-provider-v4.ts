import type { LanguageModelV4, ProviderV4 } from '@ai-sdk/provider-v4';
import { createModelFactory, type RobocodersModelFactory } from '../shared/create-model-factory';
import { noSuchModel } from '../shared/no-such-model';
import type { RobocodersProviderSettings } from '../shared/robocoders-settings';
import { zodV4Schemas } from '../shared/zod-v4-schemas';
import { RobocodersChatLanguageModelV4 } from './robocoders-language-model-v4';

/**
 * The Robocoders provider for AI SDK 7: call it with an agent name to get a `LanguageModelV4`.
 * It has no embedding or image models: those methods throw `NoSuchModelError`. It has no
 * `files()` or `skills()`: Robocoders has no upload API, and text files go into the prompt.
 */
export interface RobocodersProviderV4
  extends Omit<ProviderV4, 'languageModel'>,
    RobocodersModelFactory<LanguageModelV4> {
  embeddingModel(modelId: string): never;
  imageModel(modelId: string): never;
}

/**
 * Creates a Robocoders provider for AI SDK 7 (`LanguageModelV4`), with the same settings as the
 * other entries'. Each provider instance keeps its own token and sessions.
 *
 * @example
 * import { createRobocoders } from 'robocoders-ai-provider/v4';
 * const robocoders = createRobocoders({ baseURL: 'http://127.0.0.1:4010' });
 * streamText({ model: robocoders('RepoAgent'), prompt: 'Add a README' });
 */
export function createRobocoders(settings: RobocodersProviderSettings = {}): RobocodersProviderV4 {
  return Object.assign(
    createModelFactory(settings, RobocodersChatLanguageModelV4, {
      toolSteps: true,
      schemas: zodV4Schemas,
    }),
    {
      specificationVersion: 'v4' as const,
      embeddingModel: noSuchModel('embeddingModel', 'embedding'),
      imageModel: noSuchModel('imageModel', 'image'),
    },
  );
}

/**
 * The default AI SDK 7 provider: `ROBOCODERS_BASE_URL` or the hosted service,
 * `ROBOCODERS_API_KEY` or a token fetched from `/auth`, an in-memory store.
 */
export const robocoders = createRobocoders();
