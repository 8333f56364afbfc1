import { invalidArgumentError } from '../core/caller-errors';
import {
  hasChatSettings,
  type RobocodersChatSettings,
  type RobocodersProviderOptions,
  type RobocodersProviderSettings,
  robocodersChatSettingsSchema,
  robocodersProviderOptionsSchema,
  robocodersProviderSettingsSchema,
} from './robocoders-settings';

/**
 * Checks the chat settings of a provider (`settings`) or of a model (`modelSettings`) with the
 * schema the per-call options extend, so both follow the same rules.
 *
 * @throws InvalidArgumentError naming the first bad setting.
 */
export function checkChatSettings(
  settings: RobocodersChatSettings,
  where: 'settings' | 'modelSettings',
): void {
  // Most providers and models set none of them: nothing to check (and nothing to run at import).
  if (!hasChatSettings(settings)) return;
  throwOnFirstIssue(robocodersChatSettingsSchema, settings, where);
}

/**
 * `agentSteps: 'tools'` where the entry cannot show them.
 *
 * @throws InvalidArgumentError
 */
export function checkAgentSteps(
  settings: RobocodersChatSettings,
  where: string,
  toolSteps: boolean,
): void {
  if (settings.agentSteps !== 'tools' || toolSteps) return;
  throw invalidArgumentError(
    `${where}.agentSteps`,
    'Robocoders: agentSteps "tools" needs the /v3 or /v4 entry (ai 6, 7); this entry shows ' +
      'the agent\'s steps as "text" or "reasoning".',
  );
}

/**
 * Checks the settings of `createRobocoders(settings)`: the chat settings, then those only a
 * provider takes (`conversationTtlSeconds`, `logger`).
 *
 * @throws InvalidArgumentError naming the first bad setting.
 */
export function checkProviderSettings(settings: RobocodersProviderSettings): void {
  checkChatSettings(settings, 'settings');
  if (settings.conversationTtlSeconds === undefined && settings.logger === undefined) return;
  throwOnFirstIssue(robocodersProviderSettingsSchema, settings, 'settings');
}

function throwOnFirstIssue(
  schema: typeof robocodersChatSettingsSchema | typeof robocodersProviderSettingsSchema,
  settings: RobocodersChatSettings,
  where: 'settings' | 'modelSettings',
): void {
  const result = schema.safeParse(settings);
  if (result.success) return;
  const [issue] = result.error.issues;
  const name = issue.path.join('.');
  const value = (settings as Record<string, unknown>)[String(issue.path[0])];
  throw invalidArgumentError(
    `${where}.${name}`,
    `Robocoders: ${name} ${issue.message}, got ${JSON.stringify(value)}.`,
    result.error,
  );
}

/**
 * Validates `providerOptions.robocoders` (shared by every spec version's model).
 *
 * @throws InvalidArgumentError listing every invalid field.
 */
export function parseProviderOptions(value: unknown): RobocodersProviderOptions {
  if (value === undefined) return {};
  const result = robocodersProviderOptionsSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
  throw invalidArgumentError(
    'providerOptions.robocoders',
    `Invalid Robocoders provider options: ${issues}`,
    result.error,
  );
}
