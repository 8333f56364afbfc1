import type { UIMessage } from 'ai';
import type { AgentId } from './agents';

/**
 * What the route attaches to an answer (`messageMetadata`): the agent on `start`, the
 * provider's session, wait state and cost on `finish-step`, the finish reason and tokens on
 * `finish`, `stopped` when Stop ended the turn, `failed` when an error did. useChat merges the
 * pieces into one object.
 */
export interface AgentMetadata {
  agent?: AgentId;
  /** The Robocoders session the answer ran in (`providerMetadata.robocoders.sessionId`). */
  sessionId?: string;
  /** The agent ended its turn waiting for the person (`providerMetadata.robocoders.awaitingInput`). */
  awaitingInput?: boolean;
  finishReason?: string;
  /** The turn's tokens, when the service reported them (the call's `totalUsage`). */
  usage?: { inputTokens?: number; outputTokens?: number };
  /** What the turn cost in US dollars (`providerMetadata.robocoders.costUsd`), when reported. */
  costUsd?: number;
  /** Stop ended the turn; the answer is as far as it got. */
  stopped?: boolean;
  /** An error ended the turn (its text reached the page as the stream's error). */
  failed?: boolean;
}

/** A chat message of this app: AI SDK UI message parts plus {@link AgentMetadata}. */
export type AgentUIMessage = UIMessage<AgentMetadata>;

/** The session of the conversation: the latest answer that names one. */
export function sessionIdOf(messages: readonly AgentUIMessage[]): string | undefined {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const sessionId = messages[index]?.metadata?.sessionId;
    if (sessionId) return sessionId;
  }
  return undefined;
}

/** A chat's title for the list of recent chats: the start of its first question. */
export function titleOf(messages: readonly AgentUIMessage[]): string {
  const first = messages.find((message) => message.role === 'user');
  const text = (first?.parts ?? [])
    .flatMap((part) => (part.type === 'text' ? [part.text] : []))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text.length === 0) return 'New chat';
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}
