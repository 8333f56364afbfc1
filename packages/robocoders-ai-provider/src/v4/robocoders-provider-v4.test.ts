import { InvalidArgumentError, NoSuchModelError } from '@ai-sdk/provider-v4';
import { createRobocoders, robocoders } from './robocoders-provider-v4';

describe('createRobocoders (V4)', () => {
  it('is a V4 provider whose models are V4 models', () => {
    const provider = createRobocoders();
    expect(provider.specificationVersion).toBe('v4');
    for (const model of [
      provider('RepoAgent'),
      provider.languageModel('RepoAgent'),
      provider.chat('RepoAgent'),
    ]) {
      expect(model).toMatchObject({
        specificationVersion: 'v4',
        provider: 'robocoders.chat',
        modelId: 'RepoAgent',
      });
    }
    expect(robocoders('FrontEndAgent').specificationVersion).toBe('v4');
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
