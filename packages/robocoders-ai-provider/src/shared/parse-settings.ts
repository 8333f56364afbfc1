import { invalidArgumentError } from '../core/caller-errors';
import {
  hasChatSettings,
  type RobocodersChatSettings,
  type RobocodersProviderOptions,
  type RobocodersProviderSettings,
  type RobocodersSchemas,
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
  schemas: () => RobocodersSchemas,
): void {
  // Most providers and models set none of them: nothing to check (and nothing to build at import).
  if (!hasChatSettings(settings)) return;
  throwOnFirstIssue(schemas().chatSettings, settings, where);
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
export function checkProviderSettings(
  settings: RobocodersProviderSettings,
  schemas: () => RobocodersSchemas,
): void {
  checkChatSettings(settings, 'settings', schemas);
  if (settings.conversationTtlSeconds === undefined && settings.logger === undefined) return;
  throwOnFirstIssue(schemas().providerSettings, settings, 'settings');
}

function throwOnFirstIssue(
  schema: RobocodersSchemas['chatSettings'] | RobocodersSchemas['providerSettings'],
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
export function parseProviderOptions(
  value: unknown,
  schemas: () => RobocodersSchemas,
): RobocodersProviderOptions {
  if (value === undefined) return {};
  const result = schemas().providerOptions.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map(describeIssue).join('; ');
  throw invalidArgumentError(
    'providerOptions.robocoders',
    `Invalid Robocoders provider options: ${issues}`,
    result.error,
  );
}

/** One issue in words of our own where zod's differ between its versions (unknown keys). */
function describeIssue(issue: { path: PropertyKey[]; message: string; code?: string }): string {
  const keys = (issue as { keys?: string[] }).keys;
  const message =
    issue.code === 'unrecognized_keys' && keys
      ? `unknown option${keys.length > 1 ? 's' : ''} ${keys.map((key) => `"${key}"`).join(', ')}`
      : issue.message;
  return issue.path.length > 0 ? `${issue.path.join('.')}: ${message}` : message;
}
