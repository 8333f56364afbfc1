import { InvalidResponseDataError } from '@ai-sdk/provider';
import { safeParseJSON } from '@ai-sdk/provider-utils';
import { invalidArgumentError } from './caller-errors';

/** Options of `provider.getSessionCode`: exactly one of `sessionId` and `conversationId`. */
export interface GetSessionCodeOptions {
  /** The session whose workspace to hand out (`providerMetadata.robocoders.sessionId`). */
  sessionId?: string;
  /** A conversation whose session the provider's store remembers (the calls' `conversationId`). */
  conversationId?: string;
  /** The GitHub account to give access to the repository. */
  githubUsername: string;
  abortSignal?: AbortSignal;
}

/** Where the session's code is. */
export interface RobocodersSessionCode {
  /** A git repository URL holding the session's workspace (`git clone <repoUrl>`). */
  repoUrl: string;
}

/** The body of `POST /get-session-code`. */
export interface SessionCodeRequestBody {
  sid: string;
  github_username: string;
}

/** Validated {@link GetSessionCodeOptions}: either the session, or the conversation to resolve. */
export type SessionCodeTarget =
  | { sid: string; conversationId?: undefined; githubUsername: string }
  | { sid?: undefined; conversationId: string; githubUsername: string };

// GitHub's rules: letters, digits and single hyphens, not at either end, 39 characters at most.
const GITHUB_USERNAME = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

function nonEmpty(value: unknown, argument: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidArgumentError(
      argument,
      `Robocoders getSessionCode: ${argument} must be a non-empty string, got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

/**
 * Checks the options before any request.
 *
 * @throws InvalidArgumentError without a valid GitHub username, or unless exactly one of
 * `sessionId` and `conversationId` is given.
 */
export function checkSessionCodeOptions(options: GetSessionCodeOptions): SessionCodeTarget {
  if (typeof options !== 'object' || options === null) {
    throw invalidArgumentError(
      'options',
      'Robocoders getSessionCode takes { sessionId or conversationId, githubUsername }.',
    );
  }
  const { githubUsername } = options;
  if (typeof githubUsername !== 'string' || !GITHUB_USERNAME.test(githubUsername)) {
    throw invalidArgumentError(
      'githubUsername',
      'Robocoders getSessionCode: githubUsername must be a GitHub username (letters, digits ' +
        `and single hyphens, at most 39 characters), got ${JSON.stringify(githubUsername)}.`,
    );
  }
  const sid = nonEmpty(options.sessionId, 'sessionId');
  const conversationId = nonEmpty(options.conversationId, 'conversationId');
  if ((sid === undefined) === (conversationId === undefined)) {
    throw invalidArgumentError(
      sid === undefined ? 'sessionId' : 'conversationId',
      'Robocoders getSessionCode needs exactly one of sessionId and conversationId, got ' +
        `${sid === undefined ? 'neither' : 'both'}.`,
    );
  }
  return sid !== undefined
    ? { sid, githubUsername }
    : { conversationId: conversationId as string, githubUsername };
}

/** The error for a conversation the provider's store has no session for. */
export function unknownConversationError(conversationId: string) {
  return invalidArgumentError(
    'conversationId',
    `Robocoders getSessionCode: no session is remembered for conversation "${conversationId}" ` +
      "in this provider's store. Run a call with that conversationId first, or pass the call's " +
      'providerMetadata.robocoders.sessionId as sessionId.',
  );
}

/**
 * The `repo_url` of a `POST /get-session-code` response.
 *
 * @throws InvalidResponseDataError when the body is not JSON with a non-empty `repo_url`.
 */
export function parseSessionCode(text: string): RobocodersSessionCode {
  const parsed = safeParseJSON({ text });
  if (!parsed.success) {
    throw new InvalidResponseDataError({
      data: text.slice(0, 200),
      message: `Robocoders POST /get-session-code returned a body that is not JSON: ${parsed.error.message}`,
    });
  }
  const repoUrl = (parsed.value as { repo_url?: unknown } | null)?.repo_url;
  if (typeof repoUrl !== 'string' || repoUrl === '') {
    throw new InvalidResponseDataError({
      data: parsed.value,
      message: 'Robocoders POST /get-session-code returned no repository URL ("repo_url").',
    });
  }
  return { repoUrl };
}
