export * from '../shared/public-types';
export { createRobocoders, type RobocodersProvider, robocoders } from './robocoders-provider';
