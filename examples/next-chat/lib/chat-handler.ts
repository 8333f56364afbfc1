import { createDataStreamResponse, streamText } from 'ai';
import { describeError } from 'example-support/error-message';
import { type AnswerAnnotation, InvalidChatRequestError, parseChatRequest } from './chat-request';
import { getRobocoders } from './robocoders';

function readableError(error: unknown): string {
  const message = describeError(error, [process.env.ROBOCODERS_API_KEY]);
  // Logged server-side too, so a failure is never only visible in someone's browser. Next sets
  // NEXT_RUNTIME, so the log says which of the two routes failed.
  const where = process.env.NEXT_RUNTIME === 'edge' ? 'next-chat edge' : 'next-chat';
  console.error(`[${where}] ${message}`);
  return message;
}

/**
 * The chat endpoint, shared by `/api/chat` (Node.js) and `/api/chat-edge` (Edge Runtime): each
 * route file re-exports it and declares only its own segment config, which Next reads from the
 * route file itself. Each runtime has its own module instance, so its own provider (token,
 * chat -> session map).
 */
export async function POST(req: Request): Promise<Response> {
  let request: ReturnType<typeof parseChatRequest>;
  try {
    request = parseChatRequest(await req.json());
  } catch (error) {
    const message =
      error instanceof InvalidChatRequestError ? error.message : 'The request body is not JSON.';
    return new Response(message, { status: 400, headers: { 'content-type': 'text/plain' } });
  }
  const { id, messages, agent, maxContinuations } = request;
  const robocoders = getRobocoders();

  return createDataStreamResponse({
    execute: (dataStream) => {
      const result = streamText({
        // The agent's steps (plan, code it runs, commands) go to "Thinking", not the answer.
        // The toggle answers both a wait and a pause: on, the agent's closing question is
        // answered with "continue" too.
        model: robocoders(agent, {
          maxContinuations,
          continueOnWait: maxContinuations > 0,
          agentSteps: 'reasoning',
        }),
        messages,
        // Stop in the browser aborts this request; passing it on closes the upstream stream.
        abortSignal: req.signal,
        providerOptions: { robocoders: { conversationId: id } },
        onFinish: ({ providerMetadata, finishReason }) => {
          const meta = providerMetadata?.robocoders;
          const annotation: AnswerAnnotation = {
            kind: 'robocoders',
            awaitingInput: meta?.awaitingInput === true,
            continuations: typeof meta?.continuations === 'number' ? meta.continuations : 0,
            finishReason,
            ...(typeof meta?.sessionId === 'string' ? { sessionId: meta.sessionId } : {}),
          };
          dataStream.writeMessageAnnotation({ ...annotation });
        },
      });
      result.mergeIntoDataStream(dataStream, { sendReasoning: true });
    },
    onError: readableError,
  });
}
