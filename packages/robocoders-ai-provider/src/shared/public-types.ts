// What every entry exports besides its provider: the settings, metadata and store types.
export type {
  RobocodersFinishReason,
  RobocodersMetadata,
} from '../core/robocoders-part';
export {
  createMemoryStore,
  type RobocodersStore,
  type RobocodersStoredValue,
} from '../core/robocoders-store';
export type { GetSessionCodeOptions, RobocodersSessionCode } from '../core/session-code';
export type { RobocodersUsage } from '../core/usage-accumulator';
export type { RobocodersProviderMetadata } from './robocoders-provider-metadata';
export type {
  RobocodersAgentSteps,
  RobocodersChatModelId,
  RobocodersChatSettings,
  RobocodersProviderOptions,
  RobocodersProviderSettings,
} from './robocoders-settings';
