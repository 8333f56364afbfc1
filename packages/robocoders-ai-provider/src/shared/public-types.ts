// What every entry exports besides its provider: the settings, metadata and store types, the
// agent names and the version.
export type { RobocodersLogger } from '../core/logger';
export type {
  RobocodersFinishReason,
  RobocodersMetadata,
} from '../core/robocoders-part';
export {
  createMemoryStore,
  type MemoryStoreOptions,
  type RobocodersStore,
  type RobocodersStoredValue,
  type RobocodersStoreSetOptions,
} from '../core/robocoders-store';
export type { GetSessionCodeOptions, RobocodersSessionCode } from '../core/session-code';
export type { RobocodersUsage } from '../core/usage-accumulator';
export { VERSION } from '../core/version';
export type { RobocodersProviderMetadata } from './robocoders-provider-metadata';
export {
  ROBOCODERS_AGENTS,
  type RobocodersAgentSteps,
  type RobocodersChatModelId,
  type RobocodersChatSettings,
  type RobocodersProviderOptions,
  type RobocodersProviderSettings,
} from './robocoders-settings';
