import { z } from 'zod/v3';
import type { z as zod } from 'zod/v4';
import { lazyRobocodersSchemas } from '../shared/robocoders-settings';

/**
 * The settings' schemas on `zod/v3`, the zod AI SDK 4 loads (`zod` 3.25 and 4.x both ship it):
 * an ai 4 app loads no second zod for them. The schemas use only what both APIs share, which
 * `robocoders-settings.test.ts` checks against the `zod/v4` ones.
 */
export const zodV3Schemas = lazyRobocodersSchemas(z as unknown as typeof zod);
