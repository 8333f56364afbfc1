import type { LanguageModelV1 } from '@ai-sdk/provider';
import type { RobocodersUsage } from '../core/usage-accumulator';

/** The usage of a V1 call (`doGenerate`'s and the `finish` part's). */
export type LanguageModelV1Usage = Awaited<ReturnType<LanguageModelV1['doGenerate']>>['usage'];

/** The core's usage as V1 has it; V1 has no field for cached input. Unknown counts are `NaN`. */
export function mapRobocodersUsage(usage: RobocodersUsage | undefined): LanguageModelV1Usage {
  return {
    promptTokens: usage?.inputTokens ?? Number.NaN,
    completionTokens: usage?.outputTokens ?? Number.NaN,
  };
}
