import { InvalidArgumentError, NoSuchModelError } from '@ai-sdk/provider-v3';
import { createRobocoders, robocoders } from './robocoders-provider-v3';

describe('createRobocoders (V3)', () => {
  it('is a V3 provider whose models are V3 models', () => {
    const provider = createRobocoders();
    expect(provider.specificationVersion).toBe('v3');
    for (const model of [
      provider('RepoAgent'),
      provider.languageModel('RepoAgent'),
      provider.chat('RepoAgent'),
    ]) {
      expect(model).toMatchObject({
        specificationVersion: 'v3',
        provider: 'robocoders.chat',
        modelId: 'RepoAgent',
      });
    }
    expect(robocoders('FrontEndAgent').specificationVersion).toBe('v3');
  });

  it('has no embedding or image models', () => {
    const provider = createRobocoders();
    for (const [method, modelType] of [
      [() => provider.embeddingModel('e'), 'embeddingModel'],
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

  it('cannot be called with new', () => {
    const provider = createRobocoders();
    expect(() => new (provider as unknown as new (id: string) => unknown)('RepoAgent')).toThrow(
      /new keyword/,
    );
  });

  it('checks the same settings as the main entry', () => {
    let error: unknown;
    try {
      createRobocoders({ maxContinuations: 99 });
    } catch (thrown) {
      error = thrown;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(() => createRobocoders().languageModel('RepoAgent', { continuePrompt: '' })).toThrow(
      /continuePrompt/,
    );
  });
});
