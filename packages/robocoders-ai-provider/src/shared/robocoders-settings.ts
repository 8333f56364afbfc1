import { z } from 'zod';
import type { FetchFunction } from '../core/fetch-function';
import { DEFAULT_IDLE_TIMEOUT_MS } from '../core/idle-timer';
import type { RobocodersLogger } from '../core/logger';
import type { RobocodersAgentSteps } from '../core/robocoders-part';
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

/** Default number of automatic continuations per call. */
export const DEFAULT_MAX_CONTINUATIONS = 1;

/** Default prompt sent to make a waiting or paused agent go on. */
export const DEFAULT_CONTINUE_PROMPT = 'continue';

/** Where the agent's steps go by default: the answer text, as the seed client shows them. */
export const DEFAULT_AGENT_STEPS: RobocodersAgentSteps = 'text';

/** The values of the `agentSteps` setting and provider option. */
export const AGENT_STEPS_VALUES = [
  'text',
  'reasoning',
] as const satisfies readonly RobocodersAgentSteps[];

export type { RobocodersAgentSteps };

export { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_MAX_EVENT_BYTES };
/** How long a conversation's session is remembered by default: 7 days. */
export const DEFAULT_CONVERSATION_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Upper bound of `maxContinuations`: a runaway agent must not keep a call alive forever. */
export const MAX_CONTINUATIONS_LIMIT = 20;

/** Settings of a Robocoders model, the second argument of `robocoders(modelId, settings)`. */
export interface RobocodersChatSettings {
  /**
   * How many times one call may answer the agent with {@link continuePrompt} on its own: when
   * the agent stops to wait for the user (`wait_for_response`) or pauses at its step budget.
   * `0` turns automatic continuation off. Overrides the provider setting.
   *
   * @default 1
   */
  maxContinuations?: number;
  /**
   * The prompt sent for an automatic continuation. Overrides the provider setting.
   *
   * @default "continue"
   */
  continuePrompt?: string;
  /**
   * Where the agent's steps go: the events of its actions (`run`, `run_ipython`, `edit`,
   * `delegate`...) and of the observations answering them.
   * - `text`: their one-line summaries ("Running command: ls", "Code executed in IPython
   *   cell.") are part of the answer text, as the seed client shows them;
   * - `reasoning`: they are streamed as reasoning instead, as Markdown: the code of
   *   `run_ipython` and the command of `run` as code blocks, other steps and observations as
   *   their one-line summary. The answer text is then only what the agent says to the user.
   *
   * In the `/v2` and `/v3` entries, a step shown as a tool call adds neither. Overrides the
   * provider setting.
   *
   * @default "text"
   */
  agentSteps?: RobocodersAgentSteps;
  /**
   * Milliseconds without a byte from the service, on any response of the turn (the chat
   * stream, a continuation's response and its stream), after which the connection is closed
   * and the stream ends with a non-retryable `APICallError` naming the timeout and the
   * endpoint, and finish reason `error`. Agent steps can be quiet for minutes; `0` disables
   * the limit. Overrides the provider setting.
   *
   * @default 600000 (10 minutes)
   */
  idleTimeoutMs?: number;
  /**
   * The longest line (NDJSON) or event (SSE) of the chat stream, in bytes. A longer one ends
   * the stream with a non-retryable `APICallError` and closes the connection, so memory stays
   * bounded whatever the server sends. Overrides the provider setting.
   *
   * @default 16777216 (16 MiB)
   */
  maxEventBytes?: number;
}

/** Settings of {@link createRobocoders}. Every field is optional. */
export interface RobocodersProviderSettings extends RobocodersChatSettings {
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
  /**
   * How long the store keeps a conversation's session, in seconds from when it was remembered:
   * passed as unstorage's `setItem(key, value, { ttl })`, which the Redis, Vercel KV and
   * Cloudflare KV drivers (and the default in-memory store) honour. A conversation whose entry
   * expired gets a new session with the whole conversation. `0`: no expiry.
   *
   * @default 604800 (7 days)
   */
  conversationTtlSeconds?: number;
  /**
   * Where the provider reports what it does: one `debug` line per HTTP request (method, path,
   * status, duration, session id) and a `warn` line for every fault it recovered from (a
   * replaced session, a store failure, a failed continuation, skipped lines). `console` fits.
   * No line ever contains the token.
   *
   * @default silent
   */
  logger?: RobocodersLogger;
}

const CONTINUE_PROMPT_MAX_LENGTH = 10_000;

// setTimeout's limit (about 24.8 days); a longer timeout would fire at once.
const MAX_IDLE_TIMEOUT_MS = 2_147_483_647;
// An event is at least a few hundred bytes; the upper bound is what a JS string can hold.
const MIN_EVENT_BYTES = 1024;
const MAX_EVENT_BYTES_LIMIT = 512 * 1024 * 1024;

/** An optional integer setting in `[min, max]`, with one message for every way to miss it. */
function integerSetting(min: number, max: number) {
  const message = `must be an integer from ${min} to ${max}`;
  return z
    .number({ message })
    .int({ message })
    .min(min, { message })
    .max(max, { message })
    .optional();
}

/**
 * Zod schema of the chat settings: the second argument of `robocoders(modelId, settings)`, the
 * same fields of `createRobocoders(settings)`, and (extended) of the per-call provider options,
 * so a value is checked the same way wherever it is given.
 */
export const robocodersChatSettingsSchema = z.object({
  maxContinuations: integerSetting(0, MAX_CONTINUATIONS_LIMIT),
  continuePrompt: z
    .string({ message: 'must be a non-empty string' })
    .min(1, { message: 'must be a non-empty string' })
    .max(CONTINUE_PROMPT_MAX_LENGTH, {
      message: `must be at most ${CONTINUE_PROMPT_MAX_LENGTH} characters long`,
    })
    .optional(),
  agentSteps: z.enum(AGENT_STEPS_VALUES, { message: 'must be "text" or "reasoning"' }).optional(),
  idleTimeoutMs: integerSetting(0, MAX_IDLE_TIMEOUT_MS),
  maxEventBytes: integerSetting(MIN_EVENT_BYTES, MAX_EVENT_BYTES_LIMIT),
});

const TTL_LIMIT = 2_147_483_647;

const loggerLevelSchema = z
  .custom<(message: string) => void>((value) => typeof value === 'function', {
    message: 'must be a function',
  })
  .optional();

/**
 * Zod schema of the settings only `createRobocoders(settings)` takes, on top of the chat
 * settings (the other provider settings are checked where they are used).
 */
export const robocodersProviderSettingsSchema = robocodersChatSettingsSchema.extend({
  conversationTtlSeconds: integerSetting(0, TTL_LIMIT),
  logger: z
    .object(
      {
        debug: loggerLevelSchema,
        info: loggerLevelSchema,
        warn: loggerLevelSchema,
        error: loggerLevelSchema,
      },
      { message: 'must be an object of logging functions, e.g. console' },
    )
    .optional(),
});

// Session ids go into the request body and the store key; a bounded, path- and header-safe
// alphabet keeps user input from turning into key or header injection.
const sessionIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'sessionId may only contain letters, digits, "-" and "_"');

const conversationIdSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[\x21-\x7e]+$/, 'conversationId must be printable ASCII without spaces');

/** Zod schema of `providerOptions.robocoders`: the chat settings plus the session to use. */
export const robocodersProviderOptionsSchema = robocodersChatSettingsSchema
  .extend({
    conversationId: conversationIdSchema.optional(),
    sessionId: sessionIdSchema.optional(),
  })
  .strict()
  .refine((options) => options.conversationId === undefined || options.sessionId === undefined, {
    message: 'conversationId and sessionId cannot be used together',
  });

/**
 * Per-call options, passed as `providerOptions: { robocoders: { ... } }`.
 *
 * Without `conversationId` or `sessionId` every call runs in a new session that receives the
 * whole conversation.
 */
export interface RobocodersProviderOptions {
  /**
   * Your id of the conversation (e.g. the `useChat` id). The first call creates a session and
   * remembers it in the provider's store; later calls reuse it and send only the new user turns.
   * If the server has forgotten the session a new one is created and receives the whole
   * conversation. Printable ASCII, up to 256 characters.
   */
  conversationId?: string;
  /**
   * An existing Robocoders session id (e.g. `providerMetadata.robocoders.sessionId` of an earlier
   * call). Only the new user turns are sent. Letters, digits, `-` and `_`, up to 128 characters.
   * Cannot be combined with `conversationId`.
   */
  sessionId?: string;
  /** Overrides the model's `maxContinuations` for this call (0 to 20). */
  maxContinuations?: number;
  /** Overrides the model's `continuePrompt` for this call. */
  continuePrompt?: string;
  /** Overrides the model's `agentSteps` for this call (`text` or `reasoning`). */
  agentSteps?: RobocodersAgentSteps;
  /** Overrides the model's `idleTimeoutMs` for this call (`0` disables it). */
  idleTimeoutMs?: number;
  /** Overrides the model's `maxEventBytes` for this call. */
  maxEventBytes?: number;
}

// Keeps the exported interfaces (with their TSDoc) and the schemas in step.
type Assert<T extends true> = T;
type Same<A, B> = A extends B ? (B extends A ? true : false) : false;
type _SettingsMatch = Assert<
  Same<z.infer<typeof robocodersChatSettingsSchema>, RobocodersChatSettings>
>;
type _ProviderMatch = Assert<
  Same<
    z.infer<typeof robocodersProviderSettingsSchema>,
    Pick<RobocodersProviderSettings, keyof z.infer<typeof robocodersProviderSettingsSchema>>
  >
>;
type _OptionsMatch = Assert<
  Same<z.infer<typeof robocodersProviderOptionsSchema>, RobocodersProviderOptions>
>;
