import type { LanguageModelV4FinishReason } from '@ai-sdk/provider-v4';
import type { RobocodersFinishReason } from '../core/robocoders-part';
import type { RobocodersProviderMetadata } from '../shared/robocoders-provider-metadata';

/**
 * The V4 finish reason of a call. A stream that ended cleanly without any sign that the turn is
 * over (no waiting message, no `finish` action, no final agent state) is V4's `interrupted`:
 * the answer may be incomplete. Its `raw` says what was last seen, e.g. `eof after event 12`
 * (`eof before any event` when none arrived). The others keep the agent-level reason as `raw`.
 */
export function mapFinishReasonV4(
  finishReason: RobocodersFinishReason,
  metadata: RobocodersProviderMetadata | undefined,
): LanguageModelV4FinishReason {
  if (finishReason !== 'unknown') return { unified: finishReason, raw: metadata?.rawFinishReason };
  const raw = metadata?.rawFinishReason ?? 'eof';
  const lastEventId = metadata?.lastEventId ?? null;
  return {
    unified: 'interrupted',
    raw: lastEventId === null ? `${raw} before any event` : `${raw} after event ${lastEventId}`,
  };
}
