import {
  convertToModelMessages,
  createIdGenerator,
  createUIMessageStreamResponse,
  streamText,
  type TextStreamPart,
  type ToolSet,
  toUIMessageStream,
} from 'ai';
import type { AgentMetadata, AgentUIMessage } from './agent-message';
import { titleOf } from './agent-message';
import type { AgentId } from './agents';
import { conversationFor, InvalidChatRequestError, parseChatRequest } from './chat-request';
import { getChatStore } from './chat-store';
import { describeError } from './error-message';
import { getRobocoders } from './robocoders';

const answerId = createIdGenerator({ prefix: 'answer', size: 16 });

function plainText(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

function readableError(error: unknown): string {
  const message = describeError(error, [process.env.ROBOCODERS_API_KEY]);
  // Logged on the server too, so a failure is never visible only in someone's browser.
  console.error(`[next-agent] ${message}`);
  return message;
}

/** The answer's metadata, taken from the stream as it passes (see {@link AgentMetadata}). */
function metadataOf(agent: AgentId, part: TextStreamPart<ToolSet>) {
  if (part.type === 'start') return { agent } satisfies AgentMetadata;
  if (part.type === 'finish-step') {
    const robocoders = part.providerMetadata?.robocoders;
    if (!robocoders) return undefined;
    return {
      sessionId: typeof robocoders.sessionId === 'string' ? robocoders.sessionId : undefined,
      awaitingInput: robocoders.awaitingInput === true,
    } satisfies AgentMetadata;
  }
  if (part.type === 'finish') return { finishReason: part.finishReason } satisfies AgentMetadata;
  return undefined;
}

/**
 * `POST /api/chat`: takes the new message (or a Retry), answers with the agent as an AI SDK UI
 * message stream (reasoning, text, and each agent step as a dynamic tool part), and keeps the
 * conversation in the chat store before and after the answer.
 */
export async function POST(req: Request): Promise<Response> {
  let request: ReturnType<typeof parseChatRequest>;
  try {
    request = parseChatRequest(await req.json());
  } catch (error) {
    return plainText(
      400,
      error instanceof InvalidChatRequestError ? error.message : 'The request body is not JSON.',
    );
  }
  const { id, agent } = request;
  const chats = getChatStore();
  const stored = await chats.load(id);
  const messages = conversationFor(request, stored?.messages ?? []);
  if (messages.at(-1)?.role !== 'user') return plainText(400, 'There is no question to answer.');
  const title = stored?.title ?? titleOf(messages);
  // Saved before the answer starts, so a reload mid-answer still shows the question.
  await chats.save({ id, title, agent, messages });

  const result = streamText({
    // The provider's defaults fit a chat: the agent's questions are left to the person
    // (continueOnWait off), a pause at its step budget is continued once, and its steps are
    // dynamic tool parts (agentSteps 'tools'), each shown as a row.
    model: getRobocoders()(agent),
    messages: await convertToModelMessages(messages),
    // Stop in the page aborts this request; passing it on closes the upstream stream too.
    abortSignal: req.signal,
    // One agent session per chat; the mapping lives in the same store as the chats.
    providerOptions: { robocoders: { conversationId: id } },
  });
  // Read to the end even when the page goes away, so the partial answer is saved on Stop.
  // (Its errors reach the page through the response's onError below.)
  void result.consumeStream();

  return createUIMessageStreamResponse({
    stream: toUIMessageStream<ToolSet, AgentUIMessage>({
      stream: result.stream,
      originalMessages: messages,
      generateMessageId: answerId,
      sendReasoning: true,
      messageMetadata: ({ part }) => metadataOf(agent, part),
      onError: readableError,
      onEnd: async ({ messages: answered }) => {
        await chats.save({ id, title, agent, messages: answered });
      },
    }),
  });
}
