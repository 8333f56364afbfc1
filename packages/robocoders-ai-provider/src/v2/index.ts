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
export { RobocodersChatLanguageModelV2 } from './robocoders-language-model-v2';
export {
  createRobocoders,
  type RobocodersProviderV2,
  type RobocodersProviderV2 as RobocodersProvider,
  robocoders,
} from './robocoders-provider-v2';
