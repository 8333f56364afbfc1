export type {
  RobocodersFinishReason,
  RobocodersMetadata,
} from '../core/robocoders-part';
export {
  createMemoryStore,
  type RobocodersStore,
  type RobocodersStoredValue,
} from '../core/robocoders-store';
export type { RobocodersProviderMetadata } from '../robocoders-language-model';
export type {
  RobocodersAgentSteps,
  RobocodersChatModelId,
  RobocodersChatSettings,
  RobocodersProviderOptions,
  RobocodersProviderSettings,
} from '../robocoders-settings';
export type { RobocodersToolResult } from '../shared/robocoders-stream-parts';
export { RobocodersChatLanguageModelV3 } from './robocoders-language-model-v3';
export {
  createRobocoders,
  type RobocodersProviderV3,
  type RobocodersProviderV3 as RobocodersProvider,
  robocoders,
} from './robocoders-provider-v3';
