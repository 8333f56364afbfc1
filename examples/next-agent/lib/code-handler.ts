import { InvalidArgumentError } from 'ai';
import { z } from 'zod';
import { isChatId } from './chat-store';
import { describeError } from './error-message';
import { getRobocoders } from './robocoders';

// GitHub's rules: letters, digits and single hyphens, not at either end, at most 39 characters.
const GITHUB_USERNAME = /^[A-Za-z\d](?:[A-Za-z\d]|-(?=[A-Za-z\d])){0,38}$/;

const codeRequestSchema = z.object({
  chatId: z.string().refine(isChatId, 'not a chat id'),
  githubUsername: z.string().regex(GITHUB_USERNAME, 'not a GitHub username'),
});

function problem(status: number, error: string): Response {
  return Response.json({ error }, { status });
}

/**
 * `POST /api/code` `{ chatId, githubUsername }`: publishes the code of the chat's agent session
 * and answers `{ repoUrl }`, or `{ error }` with one readable sentence.
 */
export async function POST(req: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return problem(400, 'The request body is not JSON.');
  }
  const parsed = codeRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    return problem(400, `Invalid request (${issues.join('; ')})`);
  }
  try {
    // By conversation: the provider's store (the app's storage) remembers the chat's session.
    const { repoUrl } = await getRobocoders().getSessionCode({
      conversationId: parsed.data.chatId,
      githubUsername: parsed.data.githubUsername,
      abortSignal: req.signal,
    });
    return Response.json({ repoUrl });
  } catch (error) {
    // Checked before any request, e.g. a chat the agent has not worked in yet.
    if (InvalidArgumentError.isInstance(error)) return problem(400, error.message);
    const message = describeError(error, [process.env.ROBOCODERS_API_KEY]);
    console.error(`[next-agent] get the code: ${message}`);
    return problem(502, message);
  }
}
