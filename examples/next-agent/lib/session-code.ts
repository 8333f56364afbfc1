import { getRobocoders } from './robocoders';

/** What "Get the code" asks the provider for: the chat's agent session and who gets access. */
export interface SessionCodeRequest {
  conversationId: string;
  githubUsername: string;
  abortSignal?: AbortSignal;
}

/** The provider method that publishes a session's workspace as a Git repository. */
type GetSessionCode = (options: {
  sessionId?: string;
  conversationId?: string;
  githubUsername: string;
  abortSignal?: AbortSignal;
}) => Promise<{ repoUrl: string }>;

/**
 * The repository with the code of a chat's agent session.
 *
 * TODO(getSessionCode): the provider gains `getSessionCode` in a parallel change; until it is
 * merged the method is reached through this cast, and the route answers 501 when it is missing.
 * Once merged, call `getRobocoders().getSessionCode(...)` directly and drop the cast.
 */
export async function getSessionCode(request: SessionCodeRequest): Promise<{ repoUrl: string }> {
  const provider = getRobocoders() as unknown as { getSessionCode?: GetSessionCode };
  if (typeof provider.getSessionCode !== 'function') {
    throw new SessionCodeUnavailableError();
  }
  return provider.getSessionCode(request);
}

/** The provider in use cannot publish a session's code yet. */
export class SessionCodeUnavailableError extends Error {
  override readonly name = 'SessionCodeUnavailableError';
  constructor() {
    super('This version of robocoders-ai-provider cannot publish the code of a session yet.');
  }
}
