import { convertToModelMessages, createIdGenerator, UI_MESSAGE_STREAM_HEADERS } from 'ai';
import { titleOf } from './agent-message';
import { answerStream } from './answer-stream';
import { conversationFor, InvalidChatRequestError, parseChatRequest } from './chat-request';
import { getChatStore, isChatId } from './chat-store';
import { getTurns } from './turns';

const turnId = createIdGenerator({ prefix: 'turn', size: 16 });

function plainText(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** An SSE text stream as the response of a UI message stream. */
function uiMessageStreamResponse(stream: ReadableStream<string>): Response {
  return new Response(stream.pipeThrough(new TextEncoderStream()), {
    headers: UI_MESSAGE_STREAM_HEADERS,
  });
}

/**
 * `POST /api/chat`: takes the new message (or a Retry) and starts the agent's turn, which runs
 * to its end on the server whoever is reading (see `lib/turn-registry.ts`): the response is the
 * turn's UI message stream, and a reload, another tab or another app instance resumes it from
 * `GET /api/chat/<id>/stream`. A message while the chat's turn runs is refused (409).
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
  const turns = await getTurns();
  const stored = await chats.load(id);
  if (stored?.activeTurnId && (await turns.state(stored.activeTurnId)) === 'running') {
    // Refused rather than queued: the agent works in one session per chat, and a message it
    // would read only after minutes of other work is rarely what the person still means.
    return plainText(
      409,
      'The agent is still working on this chat. Wait for its answer, or press Stop first.',
    );
  }
  const messages = conversationFor(request, stored?.messages ?? []);
  if (messages.at(-1)?.role !== 'user') return plainText(400, 'There is no question to answer.');
  const title = stored?.title ?? titleOf(messages);
  const activeTurnId = turnId();
  // Saved before the answer starts, so a reload mid-answer still shows the question.
  await chats.save({ id, title, agent, messages, activeTurnId });
  const modelMessages = await convertToModelMessages(messages);

  const stream = await turns.start(activeTurnId, (signal) =>
    answerStream({
      chatId: id,
      agent,
      messages,
      modelMessages,
      signal,
      save: (answered, final) =>
        chats.save({
          id,
          title,
          agent,
          messages: answered,
          ...(final ? {} : { activeTurnId }),
        }),
    }),
  );
  return uiMessageStreamResponse(stream);
}

/**
 * `GET /api/chat/<id>/stream`: the chat's running turn from its start (what has been sent so
 * far, then the rest), or 204 when none is running.
 */
export async function resumeTurn(chatId: string): Promise<Response> {
  if (!isChatId(chatId)) return plainText(404, 'No such chat.');
  const chat = await getChatStore().load(chatId);
  const stream = chat?.activeTurnId
    ? await (await getTurns()).resume(chat.activeTurnId)
    : undefined;
  return stream ? uiMessageStreamResponse(stream) : new Response(null, { status: 204 });
}

/**
 * `POST /api/chat/<id>/stop`: asks the instance running the chat's turn to stop it (the request
 * to the agent is closed; the answer is saved as far as it got, marked stopped). 202 when a
 * running turn was asked, 409 when there is none.
 */
export async function stopTurn(chatId: string): Promise<Response> {
  if (!isChatId(chatId)) return plainText(404, 'No such chat.');
  const chat = await getChatStore().load(chatId);
  const asked = chat?.activeTurnId ? await (await getTurns()).stop(chat.activeTurnId) : false;
  return asked
    ? plainText(202, 'Stopping.')
    : plainText(409, 'The agent is not working on this chat.');
}
