import { NoSuchModelError } from '@ai-sdk/provider-v2';
import { createRobocoders, robocoders } from './robocoders-provider-v2';

describe('createRobocoders (V2)', () => {
  it('returns V2 models from every alias', () => {
    const provider = createRobocoders();
    for (const model of [
      provider('RepoAgent'),
      provider.languageModel('RepoAgent'),
      provider.chat('RepoAgent'),
      robocoders('RepoAgent'),
    ]) {
      expect(model).toMatchObject({ specificationVersion: 'v2', modelId: 'RepoAgent' });
    }
  });

  it('has no embedding or image models', () => {
    const provider = createRobocoders();
    for (const [method, modelType] of [
      [() => provider.textEmbeddingModel('e'), 'textEmbeddingModel'],
      [() => provider.imageModel('e'), 'imageModel'],
    ] as const) {
      let error: unknown;
      try {
        method();
      } catch (thrown) {
        error = thrown;
      }
      expect(NoSuchModelError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ modelId: 'e', modelType });
    }
  });

  it('checks the model settings', () => {
    expect(() => createRobocoders().chat('RepoAgent', { maxContinuations: 1.5 })).toThrow(
      /maxContinuations/,
    );
  });
});
