import {
  InvalidArgumentError,
  InvalidPromptError,
  NoSuchModelError,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';

// The errors for what a caller passed. The AI SDK recognises its errors by a marker, not by
// class, so these (from the V1 provider package) are the same errors to ai 4 to 7.

/** A setting or option with a bad value. */
export function invalidArgumentError(
  argument: string,
  message: string,
  cause?: unknown,
): InvalidArgumentError {
  return new InvalidArgumentError({ argument, message, cause });
}

/** Something Robocoders cannot do (media in the prompt, tool-mode object generation...). */
export function unsupportedFunctionalityError(
  functionality: string,
  message: string,
): UnsupportedFunctionalityError {
  return new UnsupportedFunctionalityError({ functionality, message });
}

/** A prompt with nothing to send. */
export function invalidPromptError(prompt: unknown, message: string): InvalidPromptError {
  return new InvalidPromptError({ prompt, message });
}

/** A model kind Robocoders does not offer (embedding, image...). */
export function noSuchModelError(modelId: string, modelType: string, message: string): Error {
  return new NoSuchModelError({
    modelId,
    // The kinds differ between spec versions (`textEmbeddingModel`, `embeddingModel`...).
    modelType: modelType as NoSuchModelError['modelType'],
    message,
  });
}
