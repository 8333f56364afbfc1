import { APICallError, InvalidArgumentError } from 'ai';
import { describeError } from 'example-support/error-message';
import { z } from 'zod';
import { getRobocoders } from './robocoders';

/** The body the "Get the code" button posts: the session of the conversation, and who gets it. */
export const sessionCodeRequestSchema = z.object({
  sessionId: z.string().min(1).max(200),
  githubUsername: z.string().min(1).max(39),
});

/** What the route answers: the repository, or one readable sentence. */
export type SessionCodeResponse = { repoUrl: string } | { error: string };

const json = (body: SessionCodeResponse, status: number) =>
  Response.json(body, { status, headers: { 'cache-control': 'no-store' } });

/**
 * `POST /api/session-code`: the repository holding the code the agent wrote in a session, from
 * the provider's `getSessionCode` (with the app's token; the browser never sees one). The session
 * id comes from the answer's annotation; an app with accounts would check that the session
 * belongs to the signed-in user before handing its code out.
 */
export async function POST(req: Request): Promise<Response> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return json({ error: 'The request body is not JSON.' }, 400);
  }
  const parsed = sessionCodeRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
      .join('; ');
    return json({ error: `Invalid request (${issues})` }, 400);
  }
  try {
    const { repoUrl } = await getRobocoders().getSessionCode({
      ...parsed.data,
      abortSignal: req.signal,
    });
    return json({ repoUrl }, 200);
  } catch (error) {
    // The provider checks the username before any request: say what is wrong with it.
    if (InvalidArgumentError.isInstance(error)) return json({ error: error.message }, 400);
    const message = describeError(error, [process.env.ROBOCODERS_API_KEY]);
    console.error(`[next-chat] get the code: ${message}`);
    const status = APICallError.isInstance(error) && error.statusCode === 404 ? 404 : 502;
    return json({ error: message }, status);
  }
}
