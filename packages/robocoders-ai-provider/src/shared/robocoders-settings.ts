import type { z as zod } from 'zod/v4';
import type { FetchFunction } from '../core/fetch-function';
import { DEFAULT_IDLE_TIMEOUT_MS } from '../core/idle-timer';
import type { RobocodersStore } from '../core/robocoders-store';
import { DEFAULT_MAX_EVENT_BYTES } from '../core/stream-limits';

/** The Robocoders agents known to this release, e.g. to list them in a model picker. */
export const ROBOCODERS_AGENTS = ['GeneralCodingAgent', 'RepoAgent', 'FrontEndAgent'] as const;

/**
 * The Robocoders agents. Any other string is passed through, so agents added to the service
 * later work without a new release of this package.
 */
export type RobocodersChatModelId = (typeof ROBOCODERS_AGENTS)[number] | (string & {});

/** Default base URL of the hosted service. */
export const DEFAULT_BASE_URL = 'https://api.robocoders.ai';

/** Upper bound of `maxContinuations`: a runaway agent must not keep a call alive forever. */
export const MAX_CONTINUATIONS_LIMIT = 20;

/** The values of the `agentSteps` setting; `tools` only in the `/v3` and `/v4` entries. */
export const AGENT_STEPS_VALUES = ['text', 'reasoning', 'tools'] as const;

/** Where the agent's steps go: see {@link RobocodersChatSettings.agentSteps}. */
export type RobocodersAgentSteps = (typeof AGENT_STEPS_VALUES)[number];

const CONTINUE_PROMPT_MAX_LENGTH = 10_000;
// setTimeout's limit (about 24.8 days); a longer timeout would fire at once.
const MAX_IDLE_TIMEOUT_MS = 2_147_483_647;
// An event is at least a few hundred bytes; the upper bound is what a JS string can hold.
const MIN_EVENT_BYTES = 1024;
const MAX_EVENT_BYTES_LIMIT = 512 * 1024 * 1024;
const TTL_LIMIT = 2_147_483_647;

/** An optional integer setting in `[min, max]`, with one message for every way to miss it. */
function integerSetting(z: typeof zod, min: number, max: number) {
  const message = `must be an integer from ${min} to ${max}`;
  return z
    .number({ message })
    .int({ message })
    .min(min, { message })
    .max(max, { message })
    .optional();
}

function booleanSetting(z: typeof zod) {
  return z.boolean({ message: 'must be true or false' }).optional();
}

/**
 * The chat settings: the second argument of `robocoders(modelId, settings)`, the same fields
 * of `createRobocoders(settings)`, and (extended) the per-call provider options. This schema is
 * their single source: the types are derived from it, so a value is checked and documented the
 * same way wherever it is given. A call's value beats the model's, the model's the provider's,
 * and the provider's the default ({@link ROBOCODERS_CHAT_DEFAULTS}).
 */
function chatSettingsSchema(z: typeof zod) {
  return z.object({
    /**
     * How many times one call may answer the agent with `continuePrompt` on its own: when the
     * agent pauses at its step budget (the service's resource limit), and, with
     * `continueOnWait`, when it stops to wait for the user (`wait_for_response`). `0` turns
     * automatic continuation off.
     *
     * @default 1
     */
    maxContinuations: integerSetting(z, 0, MAX_CONTINUATIONS_LIMIT),
    /**
     * The prompt sent for an automatic continuation.
     *
     * @default "continue"
     */
    continuePrompt: z
      .string({ message: 'must be a non-empty string' })
      .min(1, { message: 'must be a non-empty string' })
      .max(CONTINUE_PROMPT_MAX_LENGTH, {
        message: `must be at most ${CONTINUE_PROMPT_MAX_LENGTH} characters long`,
      })
      .optional(),
    /**
     * Whether a turn that ends with the agent waiting for the user (`wait_for_response`, its
     * question) is answered with `continuePrompt` by the provider. Off by default: in a chat the
     * agent's questions are the user's, and `awaitingInput` in the metadata tells the app the
     * agent waits. Turn it on for unattended runs (scripts, jobs) that should not stop at a
     * question. `maxContinuations` still bounds the continuations of one call.
     *
     * @default false
     */
    continueOnWait: booleanSetting(z),
    /**
     * Whether a call without `sessionId` or a remembered `conversationId` resumes the session
     * named in its own prompt: the newest assistant message whose parts carry
     * `providerMetadata.robocoders.sessionId` (AI SDK 5+ UIs keep part metadata and
     * `convertToModelMessages` hands it back). On by default, so a chat app that knows nothing of
     * Robocoders keeps one agent session per chat and sends only the new message. A session is
     * only ever taken from the call's own prompt, never looked up by content.
     *
     * @default true
     */
    sessionFromHistory: booleanSetting(z),
    /**
     * Where the agent's steps go: the events of its actions (`run`, `run_ipython`, `edit`,
     * `delegate`...) and of the observations answering them.
     * - `tools` (`/v3` and `/v4` only, their default): provider-executed dynamic tool calls with
     *   their results, for apps that render tool parts;
     * - `text` (the default of the main and `/v2` entries): their one-line summaries ("Running
     *   command: ls") are part of the answer text, as the seed client shows them; for apps that
     *   render only text (vercel/chatbot);
     * - `reasoning`: streamed as reasoning, as Markdown (the code of `run_ipython` and the
     *   command of `run` as code blocks); the answer text is then only what the agent says.
     *
     * In `/v2`, actions the call declares as tools are tool calls whatever this says.
     *
     * @default "text" ("tools" in /v3 and /v4)
     */
    agentSteps: z
      .enum(AGENT_STEPS_VALUES, { message: 'must be "text", "reasoning" or "tools"' })
      .optional(),
    /**
     * Milliseconds without a byte from the service, on any response of the turn (the chat
     * stream, a continuation's response and its stream), after which the connection is closed
     * and the stream ends with a non-retryable `APICallError` naming the timeout and the
     * endpoint, and finish reason `error`. Agent steps can be quiet for minutes; `0` disables
     * the limit.
     *
     * @default 600000 (10 minutes)
     */
    idleTimeoutMs: integerSetting(z, 0, MAX_IDLE_TIMEOUT_MS),
    /**
     * The longest line (NDJSON) or event (SSE) of the chat stream, in bytes. A longer one ends
     * the stream with a non-retryable `APICallError` and closes the connection, so memory stays
     * bounded whatever the server sends.
     *
     * @default 16777216 (16 MiB)
     */
    maxEventBytes: integerSetting(z, MIN_EVENT_BYTES, MAX_EVENT_BYTES_LIMIT),
  });
}

/** The settings of `createRobocoders(settings)` only, on top of the chat settings. */
function providerSettingsSchema(
  z: typeof zod,
  chatSettings: ReturnType<typeof chatSettingsSchema>,
) {
  const loggerLevel = z
    .custom<(message: string) => void>((value) => typeof value === 'function', {
      message: 'must be a function',
    })
    .optional();

  /**
   * The settings only `createRobocoders(settings)` takes that are checked here, on top of the
   * chat settings (the others are checked where they are used).
   */
  return chatSettings.extend({
    /**
     * How long the store keeps a conversation's session, in seconds from its last use: passed as
     * unstorage's `setItem(key, value, { ttl })` each time a call uses the session, which the
     * Redis, Vercel KV and Cloudflare KV drivers (and the default in-memory store) honour. A
     * conversation whose entry expired gets a new session with the whole conversation. `0`: no
     * expiry.
     *
     * @default 604800 (7 days)
     */
    conversationTtlSeconds: integerSetting(z, 0, TTL_LIMIT),
    /**
     * Where the provider reports what it does: one `debug` line per HTTP request (method, path,
     * status, duration, session id), an `info` line when a session is created or replaced, a
     * `warn` line for every fault it recovered from (a replaced session, a store failure, a failed
     * continuation, skipped lines) and an `error` line when a call ends with an error. `console`
     * fits. No line ever contains the token.
     *
     * @default silent
     */
    logger: z
      .object(
        {
          debug: loggerLevel,
          info: loggerLevel,
          warn: loggerLevel,
          error: loggerLevel,
        },
        { message: 'must be an object of logging functions, e.g. console' },
      )
      .optional(),
  });
}

/** The session a call names, and `providerOptions.robocoders` with it. */
function sessionSchemas(z: typeof zod, chatSettings: ReturnType<typeof chatSettingsSchema>) {
  // Session ids go into the request body and the store key; a bounded, path- and header-safe
  // alphabet keeps user input from turning into key or header injection.
  /** A Robocoders session id as this provider accepts it, wherever it comes from. */
  const sessionId = z
    .string({ message: 'sessionId must be a string' })
    .min(1, { message: 'sessionId must not be empty' })
    .max(128, { message: 'sessionId must be at most 128 characters long' })
    .regex(/^[A-Za-z0-9_-]+$/, 'sessionId may only contain letters, digits, "-" and "_"');

  const conversationId = z
    .string({ message: 'conversationId must be a string' })
    .min(1, { message: 'conversationId must not be empty' })
    .max(256, { message: 'conversationId must be at most 256 characters long' })
    .regex(/^[\x21-\x7e]+$/, 'conversationId must be printable ASCII without spaces');

  /**
   * Zod schema of `providerOptions.robocoders`: the chat settings plus the session to use.
   * Without `sessionId`, `conversationId` or a session in the prompt's history (see
   * `sessionFromHistory`), a call runs in a new session that receives the whole conversation.
   */
  const providerOptions = chatSettings
    .extend({
      /**
       * Your id of the conversation (e.g. the `useChat` id). The first call creates a session
       * and remembers it in the provider's store; later calls reuse it and send only the new user
       * turns. If the server has forgotten the session a new one is created and receives the
       * whole conversation. Printable ASCII, up to 256 characters.
       */
      conversationId: conversationId.optional(),
      /**
       * An existing Robocoders session id (e.g. `providerMetadata.robocoders.sessionId` of an
       * earlier call). Only the new user turns are sent. Letters, digits, `-` and `_`, up to 128
       * characters. Cannot be combined with `conversationId`.
       */
      sessionId: sessionId.optional(),
    })
    .strict()
    .refine((options) => options.conversationId === undefined || options.sessionId === undefined, {
      message: 'conversationId and sessionId cannot be used together',
    });
  return { sessionId, providerOptions };
}

/**
 * The settings' zod schemas, built with the `z` of the zod an entry's AI SDK loads (`zod/v3`
 * for ai 4, `zod/v4` for ai 5 and later): what it validates and says is the same, and an app
 * loads no second zod for it. The single source of the settings: their types are derived from
 * it, so a value is checked and documented the same way wherever it is given.
 */
// The parameters are not called `z`: the bundled declarations name the zod import `z`.
export function defineRobocodersSchemas(zodApi: typeof zod) {
  const chatSettings = chatSettingsSchema(zodApi);
  return {
    chatSettings,
    providerSettings: providerSettingsSchema(zodApi, chatSettings),
    ...sessionSchemas(zodApi, chatSettings),
  };
}

/** The schemas of {@link defineRobocodersSchemas}. */
export type RobocodersSchemas = ReturnType<typeof defineRobocodersSchemas>;

/**
 * The schemas, built the first time they are needed: most providers and models are created
 * without settings, and an app's cold start should not pay for building them.
 */
export function lazyRobocodersSchemas(zodApi: typeof zod): () => RobocodersSchemas {
  let schemas: RobocodersSchemas | undefined;
  return () => {
    schemas ??= defineRobocodersSchemas(zodApi);
    return schemas;
  };
}

/** Settings of a Robocoders model, the second argument of `robocoders(modelId, settings)`. */
export type RobocodersChatSettings = zod.infer<RobocodersSchemas['chatSettings']>;

/** The chat settings with every value set: what a call runs with. */
export type RobocodersResolvedChatSettings = Required<RobocodersChatSettings>;

/** The default of every chat setting, in one place. */
export const ROBOCODERS_CHAT_DEFAULTS: RobocodersResolvedChatSettings = {
  maxContinuations: 1,
  continuePrompt: 'continue',
  continueOnWait: false,
  sessionFromHistory: true,
  agentSteps: 'text',
  idleTimeoutMs: DEFAULT_IDLE_TIMEOUT_MS,
  maxEventBytes: DEFAULT_MAX_EVENT_BYTES,
};

const CHAT_SETTING_KEYS = Object.keys(ROBOCODERS_CHAT_DEFAULTS) as Array<
  keyof RobocodersResolvedChatSettings
>;

/** Whether any chat setting is given (most providers and models give none). */
export function hasChatSettings(settings: RobocodersChatSettings): boolean {
  return CHAT_SETTING_KEYS.some((key) => settings[key] !== undefined);
}

/**
 * Each chat setting from the first level that sets it (call, model, provider), else from
 * `defaults`.
 */
export function resolveChatSettings(
  levels: ReadonlyArray<RobocodersChatSettings>,
  defaults: RobocodersResolvedChatSettings,
): RobocodersResolvedChatSettings {
  const resolved = { ...defaults };
  for (const key of CHAT_SETTING_KEYS) {
    const level = levels.find((settings) => settings[key] !== undefined);
    if (level !== undefined) Object.assign(resolved, { [key]: level[key] });
  }
  return resolved;
}

/** How long a conversation's session is remembered by default: 7 days. */
export const DEFAULT_CONVERSATION_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Settings of {@link createRobocoders}. Every field is optional. */
export interface RobocodersProviderSettings
  extends zod.infer<RobocodersSchemas['providerSettings']> {
  /**
   * Base URL of the Robocoders API, e.g. a local emulator. A trailing slash is removed.
   *
   * @default process.env.ROBOCODERS_BASE_URL ?? "https://api.robocoders.ai"
   */
  baseURL?: string;
  /**
   * A Robocoders access token. Without it the provider reads `ROBOCODERS_API_KEY`, and without
   * that it fetches a token from `GET /auth` itself (once per provider instance) and renews it
   * before it expires or when the server rejects it. A key given here (or in the environment)
   * is never replaced: when the server rejects it the call fails with a 401 `APICallError`.
   */
  apiKey?: string;
  /** Extra HTTP headers sent with every request. */
  headers?: Record<string, string>;
  /** A `fetch` implementation, e.g. to add tracing or a proxy. Defaults to the global `fetch`. */
  fetch?: FetchFunction;
  /**
   * Where the fetched token and the `conversationId -> session id` map are kept. Any
   * unstorage `Storage` fits (memory, fs, Redis, Vercel KV, Cloudflare KV...). Share one store
   * between provider instances or processes to share the token and the conversations.
   *
   * @default an in-memory store private to this provider instance
   */
  store?: RobocodersStore;
}

/** Per-call options, passed as `providerOptions: { robocoders: { ... } }`. */
export type RobocodersProviderOptions = zod.infer<RobocodersSchemas['providerOptions']>;
