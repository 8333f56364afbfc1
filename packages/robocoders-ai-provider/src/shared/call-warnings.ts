import { isKnownAgentTool } from '../core/agent-actions';

const SAMPLING_SETTINGS = [
  'maxOutputTokens',
  'temperature',
  'topP',
  'topK',
  'presencePenalty',
  'frequencyPenalty',
  'seed',
  'stopSequences',
] as const;

/** The call settings a warning may be about, as every spec version names them. */
export type RobocodersCallSettingsInput = {
  [Setting in (typeof SAMPLING_SETTINGS)[number]]?: Setting extends 'stopSequences'
    ? string[]
    : number;
} & { responseFormat?: { type: 'text' } | { type: 'json' } };

/** Why a sampling or length setting is ignored, in every spec's warning. */
export const UNSUPPORTED_SAMPLING_DETAILS =
  'Robocoders agents do not expose sampling or length controls.';

/** Why a JSON response format is ignored, in every spec's warning. */
export const UNSUPPORTED_JSON_DETAILS =
  'Robocoders cannot constrain the agent to JSON output; the schema only reaches it as instructions in the prompt.';

/** A call setting the service cannot honour; each adapter turns it into its spec's warning. */
export interface RobocodersUnsupportedSetting {
  setting: (typeof SAMPLING_SETTINGS)[number] | 'responseFormat';
  details: string;
}

/** Why a user-defined tool is ignored, in every spec's tool warning. */
export const UNSUPPORTED_TOOL_DETAILS =
  'Robocoders agents use their own tools and cannot call user-defined tools.';

/**
 * The call's tools that are not the agent's own: Robocoders cannot call them. A tool named
 * after one of the agent's steps ({@link isKnownAgentTool}) stands for that step.
 */
export function unsupportedTools<Tool extends { name: string }>(
  tools: ReadonlyArray<Tool> | undefined,
): Tool[] {
  return (tools ?? []).filter((tool) => !isKnownAgentTool(tool.name));
}

/**
 * The settings of a call that Robocoders ignores (tools are reported separately). The V1
 * adapter passes its options under these names too.
 */
export function unsupportedSettings(
  options: RobocodersCallSettingsInput,
): RobocodersUnsupportedSetting[] {
  const unsupported: RobocodersUnsupportedSetting[] = [];
  for (const setting of SAMPLING_SETTINGS) {
    if (options[setting] != null) {
      unsupported.push({ setting, details: UNSUPPORTED_SAMPLING_DETAILS });
    }
  }
  if (options.responseFormat?.type === 'json') {
    unsupported.push({ setting: 'responseFormat', details: UNSUPPORTED_JSON_DETAILS });
  }
  return unsupported;
}

/**
 * The warnings of a V2 or V3 call, in the spec's shapes: one per ignored setting, one per tool
 * that is not the agent's own.
 */
export function callWarnings<Tool extends { name: string }, Warning>(
  options: RobocodersCallSettingsInput & { tools?: ReadonlyArray<Tool> },
  shape: {
    setting: (setting: RobocodersUnsupportedSetting) => Warning;
    tool: (tool: Tool, details: string) => Warning;
  },
): Warning[] {
  return [
    ...unsupportedSettings(options).map(shape.setting),
    ...unsupportedTools(options.tools).map((tool) => shape.tool(tool, UNSUPPORTED_TOOL_DETAILS)),
  ];
}
