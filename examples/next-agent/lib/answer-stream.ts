import {
  createIdGenerator,
  JsonToSseTransformStream,
  type ModelMessage,
  readUIMessageStream,
  streamText,
  type TextStreamPart,
  type ToolSet,
  toUIMessageStream,
} from 'ai';
import type { AgentMetadata, AgentUIMessage } from './agent-message';
import type { AgentId } from './agents';
import { createAnswerSaver } from './answer-saver';
import { describeError } from './error-message';
import { getRobocoders } from './robocoders';

const answerId = createIdGenerator({ prefix: 'answer', size: 16 });

/** The answer's metadata, taken from the stream as it passes (see {@link AgentMetadata}). */
export function metadataOf(
  agent: AgentId,
  part: TextStreamPart<ToolSet>,
): AgentMetadata | undefined {
  switch (part.type) {
    case 'start':
      return { agent };
    case 'finish-step': {
      const robocoders = part.providerMetadata?.robocoders;
      if (!robocoders) return undefined;
      return {
        sessionId: typeof robocoders.sessionId === 'string' ? robocoders.sessionId : undefined,
        awaitingInput: robocoders.awaitingInput === true,
        ...(typeof robocoders.costUsd === 'number' ? { costUsd: robocoders.costUsd } : {}),
      };
    }
    case 'finish': {
      const { inputTokens, outputTokens } = part.totalUsage;
      const usage = inputTokens === undefined && outputTokens === undefined;
      return {
        finishReason: part.finishReason,
        ...(usage ? {} : { usage: { inputTokens, outputTokens } }),
      };
    }
    case 'abort':
      return { stopped: true };
    case 'error':
      return { failed: true };
    default:
      return undefined;
  }
}

function readableError(error: unknown): string {
  const message = describeError(error, [process.env.ROBOCODERS_API_KEY]);
  // Logged on the server too, so a failure is never visible only in someone's browser.
  console.error(`[next-agent] ${message}`);
  return message;
}

export interface AnswerOptions {
  chatId: string;
  agent: AgentId;
  /** The conversation so far, ending with the question. */
  messages: AgentUIMessage[];
  modelMessages: ModelMessage[];
  /** Aborted by Stop only: a page that goes away does not stop the agent. */
  signal: AbortSignal;
  /** Saves the conversation with the answer so far (`final` once, at its end). */
  save: (messages: AgentUIMessage[], final: boolean) => Promise<void>;
}

/**
 * The agent's answer as the SSE text of an AI SDK UI message stream (reasoning, text, and each
 * agent step as a dynamic tool part), saved as it grows and when it ends.
 */
export function answerStream(options: AnswerOptions): ReadableStream<string> {
  const { agent, messages } = options;
  const saver = createAnswerSaver<{ messages: AgentUIMessage[]; final: boolean }>((state) =>
    options.save(state.messages, state.final),
  );
  const result = streamText({
    // The provider's defaults fit a chat: the agent's questions are left to the person
    // (continueOnWait off), a pause at its step budget is continued once, and its steps are
    // dynamic tool parts (agentSteps 'tools'), each shown as a row.
    model: getRobocoders()(agent),
    messages: options.modelMessages,
    abortSignal: options.signal,
    // One agent session per chat; the mapping lives in the same store as the chats.
    providerOptions: { robocoders: { conversationId: options.chatId } },
  });
  const chunks = toUIMessageStream<ToolSet, AgentUIMessage>({
    stream: result.stream,
    originalMessages: messages,
    generateMessageId: answerId,
    sendReasoning: true,
    messageMetadata: ({ part }) => metadataOf(agent, part),
    onError: readableError,
    onEnd: ({ messages: answered }) => saver.end({ messages: answered, final: true }),
  });
  const [forReaders, forSaving] = chunks.tee();
  void (async () => {
    // Errors reach the readers as the stream's error chunk; this copy only feeds the saver.
    const answers = readUIMessageStream<AgentUIMessage>({ stream: forSaving, onError: () => {} });
    for await (const answer of answers)
      saver.update({ messages: [...messages, answer], final: false });
  })().catch((error: unknown) => {
    // A stream that broke (the readers get the turn's failure chunk): the saves so far stand.
    console.error('[next-agent] saving the answer as it grows stopped:', error);
  });
  return forReaders.pipeThrough(new JsonToSseTransformStream());
}
