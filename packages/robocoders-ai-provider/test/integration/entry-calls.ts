import type { LanguageModelV1 } from '@ai-sdk/provider';
import type { LanguageModelV2 } from '@ai-sdk/provider-v2';
import type { LanguageModelV3 } from '@ai-sdk/provider-v3';
import type { LanguageModelV4 } from '@ai-sdk/provider-v4';
import { generateText } from 'ai';
import type { RobocodersProviderSettings } from '../../src/shared/robocoders-settings';
import { createRobocoders } from '../../src/v1/robocoders-provider';
import { createRobocoders as createRobocodersV2 } from '../../src/v2';
import { createRobocoders as createRobocodersV3 } from '../../src/v3';
import { createRobocoders as createRobocodersV4 } from '../../src/v4';

/** The package's entries: `.` (V1, driven by ai 4), `/v2`, `/v3` and `/v4` (by `doGenerate`). */
export const ENTRIES = ['v1', 'v2', 'v3', 'v4'] as const;
export type Entry = (typeof ENTRIES)[number];

/** A message of the conversation a call sends, as plain text. */
export interface PlainMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** What a call returned, whichever entry made it. */
export interface EntryResult {
  text: string;
  warnings: unknown[];
  robocoders: Record<string, unknown>;
}

/** A provider of `entry` that makes calls with `messages` and `providerOptions.robocoders`. */
export interface EntryProvider {
  generate(
    agent: string,
    messages: PlainMessage[],
    options?: Record<string, string | number>,
  ): Promise<EntryResult>;
}

/** The messages as a prompt of every spec (text parts only, the same in V2 to V4). */
function specPrompt(messages: PlainMessage[]) {
  return messages.map((message) =>
    message.role === 'system'
      ? { role: 'system' as const, content: message.content }
      : { role: message.role, content: [{ type: 'text' as const, text: message.content }] },
  );
}

async function generateSpec(
  model: LanguageModelV2 | LanguageModelV3 | LanguageModelV4,
  messages: PlainMessage[],
  options: Record<string, string | number> | undefined,
): Promise<EntryResult> {
  const result = await model.doGenerate({
    prompt: specPrompt(messages),
    providerOptions: options === undefined ? undefined : { robocoders: options },
  });
  let text = '';
  for (const item of result.content) if (item.type === 'text') text += item.text;
  return {
    text,
    warnings: result.warnings,
    robocoders: result.providerMetadata?.robocoders as Record<string, unknown>,
  };
}

/** One provider instance of `entry` with `settings`. */
export function entryProvider(entry: Entry, settings: RobocodersProviderSettings): EntryProvider {
  switch (entry) {
    case 'v1': {
      const provider = createRobocoders(settings);
      return {
        async generate(agent, messages, options) {
          const result = await generateText({
            model: provider(agent) satisfies LanguageModelV1,
            messages,
            maxRetries: 0,
            providerOptions: options === undefined ? undefined : { robocoders: options },
          });
          return {
            text: result.text,
            warnings: result.warnings ?? [],
            robocoders: result.providerMetadata?.robocoders as Record<string, unknown>,
          };
        },
      };
    }
    case 'v2': {
      const provider = createRobocodersV2(settings);
      return {
        generate: (agent, messages, options) => generateSpec(provider(agent), messages, options),
      };
    }
    case 'v3': {
      const provider = createRobocodersV3(settings);
      return {
        generate: (agent, messages, options) => generateSpec(provider(agent), messages, options),
      };
    }
    case 'v4': {
      const provider = createRobocodersV4(settings);
      return {
        generate: (agent, messages, options) => generateSpec(provider(agent), messages, options),
      };
    }
  }
}

/** The `other` warnings of a call: the faults it recovered from. */
export function otherWarnings(result: EntryResult): string[] {
  return result.warnings.flatMap((warning) => {
    const { type, message } = warning as { type?: string; message?: string };
    return type === 'other' && message !== undefined ? [message] : [];
  });
}
