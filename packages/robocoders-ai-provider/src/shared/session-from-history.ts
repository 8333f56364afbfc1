import type { RobocodersPromptMessage, RobocodersPromptPart } from './convert-to-robocoders-prompt';
import type { RobocodersSchemas } from './robocoders-settings';

/** A session named in the prompt's history, and where. */
export interface HistorySession {
  sessionId: string;
  /** The index in the prompt of the assistant message that named it. */
  messageIndex: number;
}

function partSessionId(
  part: RobocodersPromptPart,
  sessionIdSchema: RobocodersSchemas['sessionId'],
): string | undefined {
  // V2+ hand part metadata back as `providerOptions`; V1 prompts call it `providerMetadata`.
  for (const metadata of [part.providerOptions, part.providerMetadata]) {
    const value = (metadata as { robocoders?: { sessionId?: unknown } } | undefined)?.robocoders
      ?.sessionId;
    // Only an id of the shape this provider sends: anything else is not our metadata.
    if (sessionIdSchema.safeParse(value).success) return value as string;
  }
  return undefined;
}

/**
 * The session of the newest assistant message whose parts carry
 * `providerOptions.robocoders.sessionId` (the part metadata a UI kept from an earlier call).
 * Only the call's own prompt is read: a session is never looked up by what messages say.
 */
export function sessionFromHistory(
  prompt: ReadonlyArray<RobocodersPromptMessage>,
  sessionIdSchema: RobocodersSchemas['sessionId'],
): HistorySession | undefined {
  for (let index = prompt.length - 1; index >= 0; index--) {
    const message = prompt[index];
    if (message.role !== 'assistant' || typeof message.content === 'string') continue;
    for (const part of message.content) {
      const sessionId = partSessionId(part, sessionIdSchema);
      if (sessionId !== undefined) return { sessionId, messageIndex: index };
    }
  }
  return undefined;
}
