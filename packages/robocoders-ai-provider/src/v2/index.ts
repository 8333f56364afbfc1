export * from '../shared/public-types';
export type { RobocodersToolResult } from '../shared/robocoders-stream-parts';
export { RobocodersChatLanguageModelV2 } from './robocoders-language-model-v2';
export {
  createRobocoders,
  type RobocodersProviderV2,
  type RobocodersProviderV2 as RobocodersProvider,
  robocoders,
} from './robocoders-provider-v2';
