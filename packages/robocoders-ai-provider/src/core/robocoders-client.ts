import { APICallError, InvalidResponseDataError } from '@ai-sdk/provider';
import { abortReason, raceAbort } from './abort';
import type { ChatRequestBody } from './chat-request-body';
import type { FetchFunction } from './fetch-function';
import { readResponseText, responseHeaders, sendRequest } from './http';
import { DEFAULT_IDLE_TIMEOUT_MS, idleTimeoutError, withIdleDeadline } from './idle-timer';
import { createLoggedFetch } from './logged-fetch';
import { RobocodersLog, type RobocodersLogger, storeFailureMessage } from './logger';
import {
  isUnknownSessionError,
  type RobocodersErrorData,
  renderErrorDetail,
} from './robocoders-error';
import type { RobocodersAgentSteps, RobocodersPart } from './robocoders-part';
import {
  type RobocodersStore,
  type RobocodersStoreKeys,
  readStoredString,
  robocodersStoreKeys,
} from './robocoders-store';
import type {
  GetSessionCodeOptions,
  RobocodersSessionCode,
  SessionCodeRequestBody,
} from './session-code';
import { DEFAULT_MAX_EVENT_BYTES } from './stream-limits';
import { TokenManager } from './token-manager';
import type { TurnStreamOptions } from './turn-stream';

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
  /** Where requests (`debug`) and recovered faults (`warn`) are reported; default silent. */
  logger?: RobocodersLogger;
  /** Passed as `ttl` when a conversation's session is stored; `0` or unset: no expiry. */
  conversationTtlSeconds?: number;
}

/**
 * The prompt of a turn in both forms; which one is sent depends on whether the session is new.
 * Both are functions so only the one needed is built.
 */
export interface TurnPrompt {
  /** The whole conversation, for a session that has not seen it. */
  full(): string;
  /** Only the turns after the agent's last answer, for a session that holds the conversation. */
  newTurns(): string;
}

/** Options of {@link RobocodersClient.runTurn}. */
export interface RunTurnOptions {
  agent: string;
  prompt: TurnPrompt;
  /** Use this existing session. */
  sessionId?: string;
  /** Use the session remembered for this conversation, creating it the first time. */
  conversationId?: string;
  maxContinuations: number;
  continuePrompt: string;
  /** Extra headers for this call's requests. */
  headers?: Record<string, string | undefined>;
  abortSignal?: AbortSignal;
  /** Also emit a `raw` part per event. */
  includeRawEvents?: boolean;
  /** See {@link TurnStreamOptions.toolActions}; default none. */
  toolActions?: (action: string) => boolean;
  /** See {@link TurnStreamOptions.agentSteps}; default `text`. */
  agentSteps?: RobocodersAgentSteps;
  /** See {@link TurnStreamOptions.idleTimeoutMs}; default 600000. */
  idleTimeoutMs?: number;
  /** See {@link TurnStreamOptions.maxEventBytes}; default 16 MiB. */
  maxEventBytes?: number;
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

/** Collects a call's warnings; each is also the logger's warning. */
type Warn = (message: string) => void;

interface ResolvedSession {
  sid: string;
  /** Created for this call: send the whole conversation. */
  fresh: boolean;
  origin: 'user' | 'conversation' | 'call';
  /** For a conversation's new session: remember it once the server accepted the prompt. */
  commit?: (warn: Warn) => Promise<void>;
  /** For a conversation's new session: let waiting calls retry on their own. */
  abandon?: (error: unknown) => void;
}

interface PendingConversation {
  promise: Promise<string>;
  resolve(sid: string): void;
  reject(error: unknown): void;
}

function createPending(): PendingConversation {
  let resolve!: (sid: string) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

/**
 * The transport core of one provider instance: tokens, sessions, chat requests, continuation
 * and event decoding. It knows nothing of AI SDK spec versions; adapters map its parts.
 */
export class RobocodersClient {
  private readonly tokens: TokenManager;
  private readonly keys: RobocodersStoreKeys;
  private readonly fetch: FetchFunction;
  private readonly pendingConversations = new Map<string, PendingConversation>();
  private readonly log: RobocodersLog;

  constructor(private readonly config: RobocodersClientConfig) {
    this.keys = robocodersStoreKeys(config.baseURL);
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
      storeKey: this.keys.token,
      now: config.now,
    });
  }

  private readonly logWarn: Warn = (message) => this.log.warn(message);

  /** A call's warning collector: each warning redacted, kept for the call and logged. */
  private warnings(): { list: string[]; warn: Warn } {
    const list: string[] = [];
    return {
      list,
      warn: (message) => {
        list.push(this.log.redact(message));
        this.log.warn(message);
      },
    };
  }

  /** Runs a store operation of a call; a failure is a warning, never the call's failure. */
  private async guardStore<T>(
    warn: Warn,
    operation: string,
    key: string,
    run: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      warn(storeFailureMessage(operation, key, error));
      return undefined;
    }
  }

  /**
   * Resolves the session, sends the prompt and returns once the server accepted it. Failures
   * before the stream are thrown as `APICallError`; later ones end the stream with an `error`
   * part and a `finish` part with reason `error`.
   */
  async runTurn(options: RunTurnOptions): Promise<RobocodersTurn> {
    const signal = options.abortSignal;
    if (signal?.aborted) throw abortReason(signal);
    const warnings = this.warnings();
    const { warn } = warnings;
    let session = await this.resolveSession(options, warn);
    let replaced = false;
    for (;;) {
      const body: ChatRequestBody = {
        sid: session.sid,
        prompt: session.fresh ? options.prompt.full() : options.prompt.newTurns(),
        agent: options.agent,
      };
      let response: Response;
      try {
        const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
        response = await withIdleDeadline(
          (chatSignal) => this.postChat(body, options.headers, chatSignal, warn),
          idleTimeoutMs,
          signal,
          () => idleTimeoutError(`${this.config.baseURL}/chat`, body, idleTimeoutMs),
        );
      } catch (error) {
        session.abandon?.(error);
        if (!APICallError.isInstance(error) || !isUnknownSessionError(error)) throw error;
        if (session.origin === 'call' || replaced) throw error;
        // The server forgot the session (expired, or never knew it): go on in a new one that
        // gets the whole conversation; a conversation remembers it instead of the old one.
        replaced = true;
        const stale = session.sid;
        session =
          session.origin === 'conversation'
            ? await this.conversationSession(
                options.conversationId as string,
                options.headers,
                signal,
                stale,
                warn,
              )
            : {
                sid: await this.createSession(options.headers, signal, warn),
                fresh: true,
                origin: 'call',
              };
        warn(
          `Robocoders session "${stale}" is unknown to the service (${error.statusCode}: ` +
            `${detailOf(error)}); the call continues in the new session "${session.sid}"` +
            (session.fresh ? ', sent the whole conversation.' : '.'),
        );
        continue;
      }
      await session.commit?.(warn);
      // The stream reader loads with the first answer, not with the provider: an app's cold
      // start (an edge or serverless function) does not pay for it.
      const { createTurnStream } = await import('./turn-stream');
      return {
        stream: createTurnStream({
          response,
          request: body,
          url: `${this.config.baseURL}/chat`,
          maxContinuations: options.maxContinuations,
          includeRawEvents: options.includeRawEvents ?? false,
          toolActions: options.toolActions,
          // A waiting agent is still answered with `continue`, as in every release so far, until
          // the `continueOnWait` setting (issue 19) lets the caller choose.
          continueOnWait: true,
          agentSteps: options.agentSteps ?? 'text',
          idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS,
          maxEventBytes: options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
          newSession: session.fresh,
          signal,
          now: this.config.now ?? Date.now,
          warn: this.logWarn,
          continueChat: (continueSignal) =>
            this.postChat(
              { sid: body.sid, prompt: options.continuePrompt, agent: body.agent },
              options.headers,
              continueSignal,
            ),
        }),
        sessionId: body.sid,
        newSession: session.fresh,
        request: body,
        responseHeaders: responseHeaders(response),
        warnings: warnings.list,
      };
    }
  }

  private resolveSession(options: RunTurnOptions, warn: Warn): Promise<ResolvedSession> {
    if (options.sessionId !== undefined) {
      return Promise.resolve({ sid: options.sessionId, fresh: false, origin: 'user' });
    }
    if (options.conversationId !== undefined) {
      return this.conversationSession(
        options.conversationId,
        options.headers,
        options.abortSignal,
        undefined,
        warn,
      );
    }
    return this.createSession(options.headers, options.abortSignal, warn).then((sid) => ({
      sid,
      fresh: true,
      origin: 'call',
    }));
  }

  /**
   * The session remembered for a conversation. The first of concurrent calls creates it; the
   * others wait until the server has accepted that call's prompt, then reuse the session.
   * `staleSid` is a session the server no longer knows: it is replaced, once for all callers.
   * A store that fails to read counts as one without the conversation; one that fails to
   * write leaves it unremembered; both are warnings (`warn`), never the call's failure.
   */
  private async conversationSession(
    conversationId: string,
    headers: Record<string, string | undefined> | undefined,
    signal: AbortSignal | undefined,
    staleSid?: string,
    warn: Warn = this.logWarn,
  ): Promise<ResolvedSession> {
    const key = this.keys.conversation(conversationId);
    const { store } = this.config;
    for (;;) {
      const pending = this.pendingConversations.get(key);
      if (pending !== undefined) {
        try {
          const sid = await raceAbort(pending.promise, signal);
          if (sid !== staleSid) return { sid, fresh: false, origin: 'conversation' };
        } catch (error) {
          if (signal?.aborted) throw error;
          // The creating call failed; try again, possibly as the creator.
        }
        continue;
      }
      const stored = await this.guardStore(warn, 'read', key, () =>
        readStoredString(store, key, 'sid'),
      );
      if (this.pendingConversations.has(key)) continue;
      if (stored !== undefined && stored !== staleSid) {
        return { sid: stored, fresh: false, origin: 'conversation' };
      }
      const created = createPending();
      this.pendingConversations.set(key, created);
      const settle = () => {
        if (this.pendingConversations.get(key) === created) this.pendingConversations.delete(key);
      };
      let sid: string;
      try {
        if (stored !== undefined) {
          await this.guardStore(warn, 'remove', key, async () => {
            await store.removeItem(key);
          });
        }
        sid = await this.createSession(headers, signal, warn);
      } catch (error) {
        settle();
        created.reject(error);
        throw error;
      }
      return {
        sid,
        fresh: true,
        origin: 'conversation',
        commit: async (commitWarn) => {
          const ttl = this.config.conversationTtlSeconds;
          try {
            await this.guardStore(commitWarn, 'write', key, async () => {
              await store.setItem(key, { sid }, ttl ? { ttl } : undefined);
            });
          } finally {
            settle();
            created.resolve(sid);
          }
        },
        abandon: (error) => {
          settle();
          created.reject(error);
        },
      };
    }
  }

  private async createSession(
    headers: Record<string, string | undefined> | undefined,
    signal: AbortSignal | undefined,
    warn?: Warn,
  ): Promise<string> {
    const url = `${this.config.baseURL}/create-session`;
    const response = await this.withToken(signal, warn, (token) =>
      sendRequest({
        fetch: this.fetch,
        method: 'GET',
        url,
        operation: 'GET /create-session',
        headers: { ...this.config.headers(), ...headers },
        token,
        signal,
      }),
    );
    const text = await readResponseText(response, {
      operation: 'GET /create-session',
      url,
      signal,
    });
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

  private postChat(
    body: ChatRequestBody,
    headers: Record<string, string | undefined> | undefined,
    signal: AbortSignal | undefined,
    warn?: Warn,
  ): Promise<Response> {
    return this.withToken(signal, warn, (token) =>
      sendRequest({
        fetch: this.fetch,
        method: 'POST',
        url: `${this.config.baseURL}/chat`,
        operation: 'POST /chat',
        headers: {
          accept: 'application/x-ndjson, text/event-stream',
          ...this.config.headers(),
          ...headers,
        },
        token,
        body,
        signal,
      }),
    );
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
    const sid =
      target.sid !== undefined
        ? target.sid
        : await this.rememberedSession(target.conversationId, unknownConversationError);
    const body: SessionCodeRequestBody = { sid, github_username: target.githubUsername };
    const url = `${this.config.baseURL}/get-session-code`;
    const operation = 'POST /get-session-code';
    const response = await this.withToken(signal, undefined, (token) =>
      sendRequest({
        fetch: this.fetch,
        method: 'POST',
        url,
        operation,
        headers: this.config.headers(),
        token,
        body,
        signal,
      }),
    );
    return parseSessionCode(await readResponseText(response, { operation, url, signal }));
  }

  /** The session the store remembers for a conversation; an InvalidArgumentError if none. */
  private async rememberedSession(
    conversationId: string,
    unknownConversationError: (conversationId: string) => Error,
  ): Promise<string> {
    const key = this.keys.conversation(conversationId);
    const sid = await readStoredString(this.config.store, key, 'sid');
    if (sid === undefined) throw unknownConversationError(conversationId);
    return sid;
  }

  /**
   * Runs `request` with the current token. A fetched token the server rejects (401) is dropped
   * and the request retried once with a new one; a rejected user key fails at once. Store
   * failures on the way are the call's warnings (`warn`); without it, the logger's.
   */
  private async withToken<T>(
    signal: AbortSignal | undefined,
    warn: Warn | undefined,
    request: (token: string) => Promise<T>,
  ): Promise<T> {
    const collect = (warnings: string[] | undefined) => {
      for (const message of warnings ?? []) (warn ?? this.logWarn)(message);
    };
    const token = await this.tokens.get(this.config.apiKey(), signal);
    collect(token.warnings);
    try {
      return await request(token.value);
    } catch (error) {
      if (!APICallError.isInstance(error) || error.statusCode !== 401) throw error;
      if (token.userGiven) throw rejectedKeyError(error);
      collect(await this.tokens.invalidate(token.value));
      const renewed = await this.tokens.get(undefined, signal);
      collect(renewed.warnings);
      return request(renewed.value);
    }
  }
}

function detailOf(error: APICallError): string {
  return (
    renderErrorDetail((error.data as RobocodersErrorData | undefined)?.detail) ?? error.message
  );
}

function rejectedKeyError(error: APICallError): APICallError {
  return new APICallError({
    message:
      `Robocoders rejected the API key (401: ${detailOf(error)}). The key comes from the apiKey ` +
      'setting or ROBOCODERS_API_KEY and is used as given; fix or remove it (without a key the ' +
      'provider fetches a token itself).',
    url: error.url,
    requestBodyValues: error.requestBodyValues,
    statusCode: 401,
    responseHeaders: error.responseHeaders,
    responseBody: error.responseBody,
    data: error.data,
    cause: error,
    isRetryable: false,
  });
}
