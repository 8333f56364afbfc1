import { z } from 'zod/v4';
import { lazyRobocodersSchemas } from './robocoders-settings';

/** The settings' schemas on `zod/v4`, the zod AI SDK 5, 6 and 7 load. */
export const zodV4Schemas = lazyRobocodersSchemas(z);
