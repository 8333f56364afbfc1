export * from '../shared/public-types';
export type { RobocodersToolResult } from '../shared/robocoders-stream-parts';
export { RobocodersChatLanguageModelV4 } from './robocoders-language-model-v4';
export {
  createRobocoders,
  type RobocodersProviderV4,
  type RobocodersProviderV4 as RobocodersProvider,
  robocoders,
} from './robocoders-provider-v4';
