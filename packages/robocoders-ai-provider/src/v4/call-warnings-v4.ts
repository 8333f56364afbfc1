import type { LanguageModelV4CallOptions, SharedV4Warning } from '@ai-sdk/provider-v4';
import { callWarnings } from '../shared/call-warnings';

/** Why the `reasoning` call option is ignored. */
export const UNSUPPORTED_REASONING_DETAILS =
  'Robocoders agents choose how much to think themselves; their thoughts stream as reasoning whatever this option says.';

/** Why a forced tool choice is ignored. */
export const UNSUPPORTED_TOOL_CHOICE_DETAILS =
  'Robocoders agents choose their own steps; a call cannot require a tool or pick one.';

/**
 * The warnings of a V4 call, each `unsupported` with details: the ignored sampling, length and
 * format settings, a `reasoning` effort other than the provider default, a tool choice that
 * requires or picks a tool, and every tool that is not the agent's own.
 */
export function callWarningsV4(
  options: Omit<LanguageModelV4CallOptions, 'prompt'> & { prompt?: unknown },
): SharedV4Warning[] {
  const warnings: SharedV4Warning[] = callWarnings(options, {
    setting: ({ setting, details }) => ({ type: 'unsupported', feature: setting, details }),
    tool: (tool, details) => ({ type: 'unsupported', feature: `tool "${tool.name}"`, details }),
  });
  if (options.reasoning !== undefined && options.reasoning !== 'provider-default') {
    warnings.push({
      type: 'unsupported',
      feature: 'reasoning',
      details: `reasoning: '${options.reasoning}' is ignored. ${UNSUPPORTED_REASONING_DETAILS}`,
    });
  }
  const choice = options.toolChoice?.type;
  if (choice === 'required' || choice === 'tool') {
    warnings.push({
      type: 'unsupported',
      feature: 'toolChoice',
      details: UNSUPPORTED_TOOL_CHOICE_DETAILS,
    });
  }
  return warnings;
}
