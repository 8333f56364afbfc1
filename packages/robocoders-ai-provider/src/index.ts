export type {
  RobocodersFinishReason,
  RobocodersMetadata,
} from './core/robocoders-part';
export {
  createMemoryStore,
  type RobocodersStore,
  type RobocodersStoredValue,
} from './core/robocoders-store';
export type { RobocodersProviderMetadata } from './robocoders-language-model';
export { createRobocoders, type RobocodersProvider, robocoders } from './robocoders-provider';
export type {
  RobocodersAgentSteps,
  RobocodersChatModelId,
  RobocodersChatSettings,
  RobocodersProviderOptions,
  RobocodersProviderSettings,
} from './robocoders-settings';
