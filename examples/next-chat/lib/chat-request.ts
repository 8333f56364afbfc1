import type { UIMessage } from 'ai';
import { z } from 'zod';
import { AGENTS, DEFAULT_AGENT } from './agents';

const messageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant', 'data']),
    content: z.string(),
  })
  // useChat also sends parts, annotations and ids; streamText converts them itself.
  .passthrough();

/** The body `useChat` posts to `/api/chat`: its own fields plus the options from the toolbar. */
export const chatRequestSchema = z.object({
  /** The useChat id; the provider keeps one Robocoders session per id. */
  id: z.string().min(1).max(200),
  messages: z.array(messageSchema).min(1),
  agent: z.enum(AGENTS).default(DEFAULT_AGENT),
  /** The auto-continue toggle: 1 answers the agent's pause with "continue" once, 0 never. */
  maxContinuations: z.union([z.literal(0), z.literal(1)]).default(1),
});

/** A validated chat request, with the messages typed as what streamText accepts. */
export interface ChatRequest {
  id: string;
  messages: Omit<UIMessage, 'id'>[];
  agent: z.infer<typeof chatRequestSchema>['agent'];
  maxContinuations: 0 | 1;
}

/** Thrown when the request body is not a chat request; the message says which field is wrong. */
export class InvalidChatRequestError extends Error {
  override readonly name = 'InvalidChatRequestError';
}

/** Validates a parsed JSON body. */
export function parseChatRequest(body: unknown): ChatRequest {
  const result = chatRequestSchema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues
      .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
      .join('; ');
    throw new InvalidChatRequestError(`Invalid chat request (${issues})`);
  }
  const { id, agent, maxContinuations } = result.data;
  return {
    id,
    agent,
    maxContinuations,
    messages: result.data.messages as unknown as Omit<UIMessage, 'id'>[],
  };
}

/** The annotation the route attaches to each answer; the UI reads it from `message.annotations`. */
export interface AnswerAnnotation {
  kind: 'robocoders';
  awaitingInput: boolean;
  continuations: number;
  finishReason: string;
  /** The Robocoders session of the answer, for "Get the code". */
  sessionId?: string;
}

/** Narrows one of `message.annotations` to {@link AnswerAnnotation}. */
export function isAnswerAnnotation(value: unknown): value is AnswerAnnotation {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'robocoders'
  );
}
