import { createDataStreamResponse, streamText } from 'ai';
import { agentStepsToReasoning } from '@/lib/agent-steps';
import {
  type AnswerAnnotation,
  InvalidChatRequestError,
  parseChatRequest,
} from '@/lib/chat-request';
import { toReadableError } from '@/lib/error-message';
import { getRobocoders } from '@/lib/robocoders';

// The same chat route on the Edge Runtime: proves the provider needs no Node API. An edge
// isolate has its own module instance, so its provider (token, chat -> session map) is separate
// from the Node route's one.
export const runtime = 'edge';
export const dynamic = 'force-dynamic';
// Agents take a while: let a long answer finish on platforms that enforce a limit.
export const maxDuration = 300;

function readableError(error: unknown): string {
  const message = toReadableError(error, [process.env.ROBOCODERS_API_KEY]);
  // Logged server-side too, so a failure is never only visible in someone's browser.
  console.error(`[next-chat edge] ${message}`);
  return message;
}

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
        model: robocoders(agent, { maxContinuations }),
        messages,
        // Stop in the browser aborts this request; passing it on closes the upstream stream.
        abortSignal: req.signal,
        providerOptions: { robocoders: { conversationId: id } },
        // The agent's steps (plan, code it runs, commands) go to "Thinking", not the answer.
        experimental_transform: agentStepsToReasoning(),
        onFinish: ({ providerMetadata, finishReason }) => {
          const meta = providerMetadata?.robocoders;
          const annotation: AnswerAnnotation = {
            kind: 'robocoders',
            awaitingInput: meta?.awaitingInput === true,
            continuations: typeof meta?.continuations === 'number' ? meta.continuations : 0,
            finishReason,
          };
          dataStream.writeMessageAnnotation({ ...annotation });
        },
      });
      result.mergeIntoDataStream(dataStream, { sendReasoning: true });
    },
    onError: readableError,
  });
}
