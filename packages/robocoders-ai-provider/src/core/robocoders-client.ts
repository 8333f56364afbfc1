import { APICallError, InvalidResponseDataError } from '@ai-sdk/provider';
import { abortReason } from './abort';
import { type CallContext, collectingCallContext, type Warn } from './call-context';
import type { ChatRequestBody } from './chat-request-body';
import {
  ConversationSessions,
  type ResolvedSession,
  type SessionOrigin,
} from './conversation-sessions';
import type { FetchFunction } from './fetch-function';
import { readResponseText, responseHeaders, sendRequest } from './http';
import { idleTimeoutError, withIdleDeadline } from './idle-timer';
import { createLoggedFetch } from './logged-fetch';
import { RobocodersLog, type RobocodersLogger } from './logger';
import { errorDetailOf, isUnknownSessionError } from './robocoders-error';
import type { RobocodersPart, RobocodersStepText } from './robocoders-part';
import { type RobocodersStore, robocodersStoreKeys } from './robocoders-store';
import type {
  GetSessionCodeOptions,
  RobocodersSessionCode,
  SessionCodeRequestBody,
} from './session-code';
import { TokenManager } from './token-manager';

/** Configuration of a {@link RobocodersClient}: one per provider instance. */
export interface RobocodersClientConfig {
  /** Without a trailing slash. */
  baseURL: string;
  /** The user's key (setting or environment), read at each call; `undefined` to fetch one. */
  apiKey: () => string | undefined;
  /** Headers sent with every request. */
  headers: () => Record<string, string | undefined>;
  fetch?: FetchFunction;
  store: RobocodersStore;
  /** Current time in ms; injectable for tests. */
  now?: () => number;
  /**
   * Where requests (`debug`), sessions created or replaced (`info`), recovered faults (`warn`)
   * and calls that end with an error (`error`) are reported; default silent.
   */
  logger?: RobocodersLogger;
  /** Passed as `ttl` at each use of a conversation's session; `0` or unset: no expiry. */
  conversationTtlSeconds?: number;
}

/**
 * The prompt of a turn in both forms; which one is sent depends on whether the session is new.
 * Both are functions so only the one needed is built.
 */
export interface TurnPrompt {
  /** The whole conversation, for a session that has not seen it. */
  full(): string;
  /**
   * What the session has not seen yet: the turns after the agent's last answer, or, for a
   * session named in the history (`origin: 'history'`), after the message that named it.
   */
  newTurns(origin: SessionOrigin): string;
}

/** Options of {@link RobocodersClient.runTurn}: every setting resolved. */
export interface RunTurnOptions {
  agent: string;
  prompt: TurnPrompt;
  /** Use this existing session. */
  sessionId?: string;
  /** Use the session remembered for this conversation, creating it the first time. */
  conversationId?: string;
  /**
   * A session named in the prompt's history: used when `sessionId` is not given and the
   * conversation (if any) has no remembered session; replaced by a new one if forgotten.
   */
  historySessionId?: string;
  maxContinuations: number;
  continuePrompt: string;
  /** See {@link TurnStreamOptions.continueOnWait}. */
  continueOnWait: boolean;
  /** See {@link TurnStreamOptions.agentSteps}. */
  agentSteps: RobocodersStepText;
  /** See {@link TurnStreamOptions.idleTimeoutMs}. */
  idleTimeoutMs: number;
  /** See {@link TurnStreamOptions.maxEventBytes}. */
  maxEventBytes: number;
  /** Extra headers for this call's requests. */
  headers?: Record<string, string | undefined>;
  abortSignal?: AbortSignal;
  /** Also emit a `raw` part per event. */
  includeRawEvents?: boolean;
  /** See {@link TurnStreamOptions.toolActions}; default none. */
  toolActions?: (action: string) => boolean;
}

/** A turn whose chat request was accepted; its events arrive on `stream`. */
export interface RobocodersTurn {
  stream: ReadableStream<RobocodersPart>;
  sessionId: string;
  /** Whether the session was created for this call (and so received the whole conversation). */
  newSession: boolean;
  /** The body of the first chat request. */
  request: ChatRequestBody;
  responseHeaders: Record<string, string>;
  /** Faults the call recovered from (a replaced session, a store failure), token-free. */
  warnings: string[];
}

/**
 * The transport core of one provider instance: tokens, sessions, chat requests, continuation
 * and event decoding. It knows nothing of AI SDK spec versions; adapters map its parts.
 */
export class RobocodersClient {
  private readonly tokens: TokenManager;
  private readonly fetch: FetchFunction;
  private readonly conversations: ConversationSessions;
  private readonly log: RobocodersLog;

  constructor(private readonly config: RobocodersClientConfig) {
    const keys = robocodersStoreKeys(config.baseURL);
    this.log = new RobocodersLog(config.logger, () => [config.apiKey(), ...this.tokens.known()]);
    this.fetch = createLoggedFetch(
      config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      this.log,
      config.now ?? Date.now,
    );
    this.tokens = new TokenManager({
      baseURL: config.baseURL,
      fetch: this.fetch,
      headers: config.headers,
      store: config.store,
      storeKey: keys.token,
      now: config.now,
    });
    this.conversations = new ConversationSessions({
      store: config.store,
      key: keys.conversation,
      ttlSeconds: config.conversationTtlSeconds,
      createSession: (context) => this.createSession(context),
    });
  }

  private readonly logWarn: Warn = (message) => this.log.warn(message);

  /**
   * Resolves the session, sends the prompt and returns once the server accepted it. Failures
   * before the stream are thrown as `APICallError`; later ones end the stream with an `error`
   * part and a `finish` part with reason `error`.
   */
  async runTurn(options: RunTurnOptions): Promise<RobocodersTurn> {
    const signal = options.abortSignal;
    if (signal?.aborted) throw abortReason(signal);
    const { context, warnings } = collectingCallContext(options.headers, signal, this.log);
    let session = await this.resolveSession(options, context);
    let replaced = false;
    for (;;) {
      const body: ChatRequestBody = {
        sid: session.sid,
        prompt: session.fresh ? options.prompt.full() : options.prompt.newTurns(session.origin),
        agent: options.agent,
      };
      let response: Response;
      try {
        response = await this.postChatWithin(options.idleTimeoutMs, body, context);
      } catch (error) {
        session.abandon?.(error);
        if (!APICallError.isInstance(error) || !isUnknownSessionError(error)) throw error;
        // A session created for this call that is unknown at once is the service's fault.
        if (session.origin === 'call' || replaced) throw error;
        replaced = true;
        session = await this.replaceSession(session, error, options, context);
        continue;
      }
      await session.commit?.(context.warn);
      return this.openTurn(options, session, body, response, warnings);
    }
  }

  /** The first chat request, bounded by the idle timeout until its response arrives. */
  private postChatWithin(
    idleTimeoutMs: number,
    body: ChatRequestBody,
    context: CallContext,
  ): Promise<Response> {
    return withIdleDeadline(
      (chatSignal) => this.postChat(body, { ...context, signal: chatSignal }),
      idleTimeoutMs,
      context.signal,
      () => idleTimeoutError(`${this.config.baseURL}/chat`, body, idleTimeoutMs),
    );
  }

  private async openTurn(
    options: RunTurnOptions,
    session: ResolvedSession,
    body: ChatRequestBody,
    response: Response,
    warnings: string[],
  ): Promise<RobocodersTurn> {
    // The stream reader loads with the first answer, not with the provider: an app's cold
    // start (an edge or serverless function) does not pay for it.
    const { createTurnStream } = await import('./turn-stream');
    const { headers, abortSignal: signal } = options;
    return {
      stream: createTurnStream({
        response,
        request: body,
        url: `${this.config.baseURL}/chat`,
        maxContinuations: options.maxContinuations,
        continueOnWait: options.continueOnWait,
        includeRawEvents: options.includeRawEvents ?? false,
        toolActions: options.toolActions,
        agentSteps: options.agentSteps,
        idleTimeoutMs: options.idleTimeoutMs,
        maxEventBytes: options.maxEventBytes,
        newSession: session.fresh,
        signal,
        now: this.config.now ?? Date.now,
        warn: this.logWarn,
        logError: (message) => this.log.error(message),
        continueChat: (continueSignal) =>
          this.postChat(
            { sid: body.sid, prompt: options.continuePrompt, agent: body.agent },
            { headers, signal: continueSignal, warn: this.logWarn },
          ),
      }),
      sessionId: body.sid,
      newSession: session.fresh,
      request: body,
      responseHeaders: responseHeaders(response),
      warnings,
    };
  }

  /** Precedence: an explicit session, then the conversation's, then the history's, else new. */
  private async resolveSession(
    options: RunTurnOptions,
    context: CallContext,
  ): Promise<ResolvedSession> {
    if (options.sessionId !== undefined) {
      return { sid: options.sessionId, fresh: false, origin: 'user' };
    }
    if (options.conversationId !== undefined) {
      return this.conversations.resolve(options.conversationId, context, {
        fallback: options.historySessionId,
      });
    }
    if (options.historySessionId !== undefined) {
      return { sid: options.historySessionId, fresh: false, origin: 'history' };
    }
    return { sid: await this.createSession(context), fresh: true, origin: 'call' };
  }

  /**
   * The server forgot the session (expired, or never knew it): the call goes on in a new one
   * that gets the whole conversation; a conversation remembers it instead of the old one.
   */
  private async replaceSession(
    stale: ResolvedSession,
    error: APICallError,
    options: RunTurnOptions,
    context: CallContext,
  ): Promise<ResolvedSession> {
    const session =
      stale.origin === 'conversation'
        ? await this.conversations.resolve(options.conversationId as string, context, {
            stale: stale.sid,
          })
        : { sid: await this.createSession(context), fresh: true, origin: 'call' as const };
    const message =
      `Robocoders session "${stale.sid}" is unknown to the service (${error.statusCode}: ` +
      `${errorDetailOf(error)}); the call continues in the new session "${session.sid}"` +
      (session.fresh ? ', sent the whole conversation.' : '.');
    context.warn(message);
    this.log.info(message);
    return session;
  }

  private async createSession(context: CallContext): Promise<string> {
    const response = await this.send({ method: 'GET', path: '/create-session' }, context);
    const sid = parseCreatedSession(
      await readResponseText(response, {
        operation: 'GET /create-session',
        url: `${this.config.baseURL}/create-session`,
        signal: context.signal,
      }),
    );
    this.log.info(`created session "${sid}"`);
    return sid;
  }

  private postChat(body: ChatRequestBody, context: CallContext): Promise<Response> {
    const accept = 'application/x-ndjson, text/event-stream';
    return this.send({ method: 'POST', path: '/chat', body, headers: { accept } }, context);
  }

  /**
   * Hands out the workspace of a session (or of a conversation's remembered session) as a git
   * repository, with the call's token handling: the provider's token, renewed once on 401.
   *
   * @throws InvalidArgumentError for bad options or a conversation without a session, before
   * any request; APICallError when the service refuses (404 for an unknown session).
   */
  async getSessionCode(options: GetSessionCodeOptions): Promise<RobocodersSessionCode> {
    // Loaded on the first use: most apps never hand out a session's code.
    const { checkSessionCodeOptions, parseSessionCode, unknownConversationError } = await import(
      './session-code'
    );
    const target = checkSessionCodeOptions(options);
    const signal = options.abortSignal;
    if (signal?.aborted) throw abortReason(signal);
    const sid = target.sid ?? (await this.conversations.remembered(target.conversationId));
    if (sid === undefined) throw unknownConversationError(target.conversationId as string);
    const body: SessionCodeRequestBody = { sid, github_username: target.githubUsername };
    const context: CallContext = { headers: undefined, signal, warn: this.logWarn };
    const response = await this.send({ method: 'POST', path: '/get-session-code', body }, context);
    return parseSessionCode(
      await readResponseText(response, {
        operation: 'POST /get-session-code',
        url: `${this.config.baseURL}/get-session-code`,
        signal,
      }),
    );
  }

  /**
   * One request to the service with the current token (renewed once on a 401, see
   * {@link TokenManager.withToken}); the call's headers over the provider's.
   */
  private send(
    request: {
      method: 'GET' | 'POST';
      path: string;
      body?: unknown;
      headers?: Record<string, string>;
    },
    context: CallContext,
  ): Promise<Response> {
    const { method, path, body } = request;
    return this.tokens.withToken(this.config.apiKey(), context, (token) =>
      sendRequest({
        fetch: this.fetch,
        method,
        url: `${this.config.baseURL}${path}`,
        operation: `${method} ${path}`,
        headers: { ...request.headers, ...this.config.headers(), ...context.headers },
        token,
        body,
        signal: context.signal,
      }),
    );
  }
}

/**
 * The session id of a `GET /create-session` body.
 *
 * @throws InvalidResponseDataError for a body that is not JSON or names no session.
 */
function parseCreatedSession(text: string): string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidResponseDataError({
      data: undefined,
      message: `Robocoders GET /create-session returned a body that is not JSON: ${String(error)}`,
    });
  }
  const sid = (data as { sid?: unknown } | null)?.sid;
  if (typeof sid !== 'string' || sid === '') {
    throw new InvalidResponseDataError({
      data,
      message: 'Robocoders GET /create-session returned no session id ("sid").',
    });
  }
  return sid;
}
