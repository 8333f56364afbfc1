import type { RobocodersMetadata, RobocodersPart } from '../core/robocoders-part';

/**
 * `providerMetadata.robocoders` of a finished call: the core's metadata plus the agent-level
 * finish reason (`awaiting_user_input`, `max_iterations`, `finish`, `reject`, `eof`,
 * `stream_error`, `idle_timeout`, `event_too_large`, `agent_error`).
 */
export type RobocodersProviderMetadata = RobocodersMetadata & { rawFinishReason: string };

/** The provider metadata of the core's `finish` part, as every spec version reports it. */
export function providerMetadataOf(finish: Extract<RobocodersPart, { type: 'finish' }>): {
  robocoders: RobocodersProviderMetadata;
} {
  return { robocoders: { ...finish.metadata, rawFinishReason: finish.rawFinishReason } };
}
