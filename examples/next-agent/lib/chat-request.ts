import { z } from 'zod';
import type { AgentUIMessage } from './agent-message';
import { AGENT_IDS, DEFAULT_AGENT } from './agents';
import { CHAT_ID_PATTERN } from './chat-store';

/** A message the person typed: text parts only (the app has no attachments). */
const userMessageSchema = z.object({
  id: z.string().min(1).max(200),
  role: z.literal('user'),
  parts: z.array(z.object({ type: z.literal('text'), text: z.string().max(100_000) })).min(1),
});

/**
 * What the page posts (see `prepareSendMessagesRequest` in `components/chat.tsx`): only the new
 * message; the server holds the conversation.
 */
const chatRequestSchema = z.discriminatedUnion('trigger', [
  z.object({
    trigger: z.literal('submit-message'),
    id: z.string().regex(CHAT_ID_PATTERN),
    agent: z.enum(AGENT_IDS).default(DEFAULT_AGENT),
    message: userMessageSchema,
  }),
  z.object({
    trigger: z.literal('regenerate-message'),
    id: z.string().regex(CHAT_ID_PATTERN),
    agent: z.enum(AGENT_IDS).default(DEFAULT_AGENT),
  }),
]);

export type ChatRequest =
  | (Omit<Extract<z.infer<typeof chatRequestSchema>, { trigger: 'submit-message' }>, 'message'> & {
      message: AgentUIMessage;
    })
  | Extract<z.infer<typeof chatRequestSchema>, { trigger: 'regenerate-message' }>;

/** Thrown for a body that is not a chat request; the message names the field. */
export class InvalidChatRequestError extends Error {
  override readonly name = 'InvalidChatRequestError';
}

export function parseChatRequest(body: unknown): ChatRequest {
  const result = chatRequestSchema.safeParse(body);
  if (result.success) return result.data as ChatRequest;
  const issues = result.error.issues
    .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
    .join('; ');
  throw new InvalidChatRequestError(`Invalid chat request (${issues})`);
}

/**
 * The conversation the agent answers: the stored one plus the new message, or, for Retry, the
 * stored one without the answer being retried.
 */
export function conversationFor(request: ChatRequest, stored: readonly AgentUIMessage[]) {
  if (request.trigger === 'submit-message') {
    return [...stored.filter((message) => message.id !== request.message.id), request.message];
  }
  const lastQuestion = stored.findLastIndex((message) => message.role === 'user');
  return stored.slice(0, lastQuestion + 1);
}
