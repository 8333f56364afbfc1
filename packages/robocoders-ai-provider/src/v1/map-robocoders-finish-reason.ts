import type { LanguageModelV1FinishReason } from '@ai-sdk/provider';
import type { RobocodersFinishReason } from '../core/robocoders-part';

/** Maps the core's finish reason to the V1 finish reason (the vocabularies coincide). */
export function mapRobocodersFinishReason(
  finishReason: RobocodersFinishReason,
): LanguageModelV1FinishReason {
  switch (finishReason) {
    case 'stop':
    case 'length':
    case 'error':
    case 'other':
      return finishReason;
    default:
      return 'unknown';
  }
}
