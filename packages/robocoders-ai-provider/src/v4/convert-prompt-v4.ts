import type { LanguageModelV4Prompt, LanguageModelV4ToolResultOutput } from '@ai-sdk/provider-v4';
import type {
  RobocodersPromptMessage,
  RobocodersPromptPart,
} from '../shared/convert-to-robocoders-prompt';
import { describeFilePart, inlineTextFile, isTextMediaType } from '../shared/inline-text-file';

type ContentItem = Extract<LanguageModelV4ToolResultOutput, { type: 'content' }>['value'][number];

function contentItemText(item: ContentItem): string | undefined {
  switch (item.type) {
    case 'text':
      return item.text;
    case 'file': {
      const file = { ...item, type: 'file' };
      if (item.data.type === 'text' || isTextMediaType(item.mediaType)) return inlineTextFile(file);
      // A tool's image from an earlier turn: the agent is told it was there, since it cannot
      // see it, rather than the whole conversation being refused.
      return `[${describeFilePart(file)}, not shown: Robocoders agents read text only]`;
    }
    default:
      // Provider-specific content of another provider has no text.
      return undefined;
  }
}

/**
 * A V4 tool result's output as the text the agent reads: text as is, JSON as JSON, errors and
 * denials said as such, and `content` item by item (text files inline, other files named).
 */
export function toolResultOutputText(output: LanguageModelV4ToolResultOutput): string {
  switch (output.type) {
    case 'text':
      return output.value;
    case 'json':
      return JSON.stringify(output.value) ?? 'null';
    case 'error-text':
      return `error: ${output.value}`;
    case 'error-json':
      return `error: ${JSON.stringify(output.value) ?? 'null'}`;
    case 'execution-denied':
      return `execution denied${output.reason === undefined ? '' : `: ${output.reason}`}`;
    case 'content':
      return output.value
        .map(contentItemText)
        .filter((text) => text !== undefined)
        .join('\n');
  }
}

type V4Part = Exclude<LanguageModelV4Prompt[number]['content'], string>[number];

function toPromptPart(part: V4Part): RobocodersPromptPart | undefined {
  switch (part.type) {
    case 'tool-result':
      // Results of the agent's own (provider-executed) steps from an earlier turn, or another
      // model's tools: read as text, never rejected.
      return {
        type: 'tool-result',
        toolName: part.toolName,
        result: toolResultOutputText(part.output),
        providerOptions: part.providerOptions,
      };
    case 'tool-approval-response':
      return {
        type: 'text',
        text: `[tool approval ${part.approvalId}: ${part.approved ? 'approved' : 'denied'}${
          part.reason === undefined ? '' : ` (${part.reason})`
        }]`,
      };
    case 'reasoning-file':
    case 'custom':
      // A model's private reasoning, or another provider's opaque content: not part of the
      // conversation the agent answers (as `reasoning` parts are left out).
      return undefined;
    default:
      // text, reasoning, tool-call, and file (its tagged `data` is read by inline-text-file.ts).
      return part;
  }
}

/**
 * The V4 prompt in the shape the shared prompt code reads: tool-result outputs and approval
 * responses as text, V4-only assistant parts left out. File parts keep V4's tagged `data`.
 */
export function convertPromptV4(prompt: LanguageModelV4Prompt): RobocodersPromptMessage[] {
  return prompt.map((message) =>
    message.role === 'system'
      ? message
      : {
          role: message.role,
          content: (message.content as V4Part[])
            .map(toPromptPart)
            .filter((part) => part !== undefined),
        },
  );
}
