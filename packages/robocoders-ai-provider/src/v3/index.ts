export * from '../shared/public-types';
export type { RobocodersToolResult } from '../shared/robocoders-stream-parts';
export { RobocodersChatLanguageModelV3 } from './robocoders-language-model-v3';
export {
  createRobocoders,
  type RobocodersProviderV3,
  type RobocodersProviderV3 as RobocodersProvider,
  robocoders,
} from './robocoders-provider-v3';
