import type { LanguageModelV1 } from 'ai';

/** Settings of `createRobocoders` that the benchmark uses. */
export interface BenchProviderSettings {
  baseURL: string;
  apiKey?: string;
  maxContinuations?: number;
  fetch?: typeof fetch;
}

/** `createRobocoders`, typed structurally so the bench builds before the provider exists. */
export type CreateRobocoders = (
  settings: BenchProviderSettings,
) => (modelId: string, settings?: Record<string, unknown>) => LanguageModelV1;

/** The provider, or why it could not be loaded. */
export type LoadedProvider =
  | { ok: true; createRobocoders: CreateRobocoders }
  | { ok: false; reason: string };

/**
 * Imports the built provider (`packages/robocoders-ai-provider/dist`). Missing or unfinished, the
 * bench still measures everything else and reports the provider's rows as not measured.
 */
export async function loadProvider(): Promise<LoadedProvider> {
  const specifier = 'robocoders-ai-provider';
  let module: Record<string, unknown>;
  try {
    module = (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    return { ok: false, reason: `import failed: ${(error as Error).message.split('\n')[0]}` };
  }
  if (typeof module.createRobocoders !== 'function') {
    return { ok: false, reason: 'robocoders-ai-provider does not export createRobocoders yet' };
  }
  return { ok: true, createRobocoders: module.createRobocoders as CreateRobocoders };
}
