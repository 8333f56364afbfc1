import { noSuchModelError } from '../core/caller-errors';

/**
 * A provider method for a model kind Robocoders does not offer: it always throws
 * `NoSuchModelError`.
 */
export function noSuchModel(modelType: string, kind: string): (modelId: string) => never {
  return (modelId) => {
    throw noSuchModelError(
      modelId,
      modelType,
      `Robocoders has no ${kind} models (asked for "${modelId}").`,
    );
  };
}
