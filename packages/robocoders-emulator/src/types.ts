/** The agents a Robocoders session can talk to. */
export const AGENT_NAMES = ['GeneralCodingAgent', 'RepoAgent', 'FrontEndAgent'] as const;

/** One of {@link AGENT_NAMES}. */
export type AgentName = (typeof AGENT_NAMES)[number];

/** Options of {@link startEmulator}. Every field is optional. */
export interface EmulatorOptions {
  /** Interface to listen on. Default `'127.0.0.1'`. */
  host?: string;
  /** Port to listen on. Default `0`: a free port chosen by the OS (the CLI defaults to 4010). */
  port?: number;
  /** Pause between streamed events, in milliseconds. Default `0` (the CLI defaults to 150). */
  paceMs?: number;
  /** Lifetime of the JWTs handed out by `GET /auth`, in seconds. Default `3600`. */
  tokenTtlSeconds?: number;
  /** HS256 secret for the JWTs. Default: random per start. */
  jwtSecret?: string;
  /** Agent steps per prompt before the OpenHands-style "maximum iteration" pause. Default `25`. */
  stepBudget?: number;
  /** Stream observations (the results of actions). Default `true`. */
  observations?: boolean;
  /** Sessions kept; the oldest is dropped beyond this. Default `1000`. */
  maxSessions?: number;
  /** Events kept per session; the oldest are dropped beyond this. Default `2000`. */
  maxEventsPerSession?: number;
  /** Larger request bodies get 413. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Access log sink, one line per finished request (never contains a token). Default: none. */
  log?: (line: string) => void;
  /**
   * Stream what a real OpenHands stream carries besides the agent speaking: the user's message
   * echoed back, the environment's state changes (`loading`, `init`, `running`,
   * `awaiting_user_input`) and `null` observations ("No observation"), as a real OpenHands
   * stream does. Default `true`; `false` streams only the agent's events, like 2024 captures.
   */
  openHandsEnvelope?: boolean;
}

/** What a test can see of a session. */
export interface EmulatorSessionView {
  sid: string;
  /** The agent of the latest prompt, or `null` before the first prompt. */
  agent: AgentName | null;
  /** The session's workspace: path → file text. */
  files: Record<string, string>;
  /** Every prompt received on this session, oldest first (capped like the history). */
  prompts: string[];
  /** The session's event history, oldest first, capped at `maxEventsPerSession`. */
  events: RobocodersEvent[];
}

/** One request as the emulator saw it. Entries are updated in place until the response ends. */
export interface RequestLogEntry {
  /** Sequence number, starting at 1. */
  id: number;
  method: string;
  /** The path without the query string. */
  path: string;
  /** The bearer token as sent, or `null` without an `Authorization: Bearer` header. */
  bearer: string | null;
  /** The parsed JSON body, the raw text when it is not JSON, or `null` without a body. */
  body: unknown;
  /** The response status (0 until the response starts). */
  status: number;
  /** The client closed the connection before the response ended. */
  clientAborted: boolean;
  /** `Date.now()` when the request arrived. */
  startedAt: number;
  /** `Date.now()` when the response ended or the connection closed. */
  endedAt?: number;
}

/** The endpoints a fault can target; `'*'` matches all four. */
export type FaultEndpoint = '/auth' | '/create-session' | '/chat' | '/get-session-code' | '*';

/** A misbehaviour to inject, see the README's fault catalogue. */
export type FaultSpec = {
  endpoint: FaultEndpoint;
  /** Let this many matching requests through first (e.g. `skip: 1` hits the continuation). */
  skip?: number;
  /** How many matching requests it affects. Default 1. */
  times?: number;
} & FaultBehaviour;

/** The behaviour part of a {@link FaultSpec}. */
export type FaultBehaviour =
  | { kind: 'status'; status: number; body?: string | object; headers?: Record<string, string> }
  | { kind: 'malformed-lines' }
  | { kind: 'byte-split'; maxChunkBytes?: number }
  | { kind: 'sse' }
  | { kind: 'slow-drip'; delayMs?: number }
  | { kind: 'hold-open' }
  | { kind: 'cut'; afterEvents?: number }
  | { kind: 'revoke-tokens' }
  | { kind: 'forget-session' }
  | { kind: 'mislabelled-framing'; contentType?: string }
  | { kind: 'pause-error-only' }
  | { kind: 'stall'; afterEvents?: number }
  | { kind: 'endless-line'; afterEvents?: number; maxBytes?: number }
  | { kind: 'openhands-envelope' };

/** The name of a fault behaviour. */
export type FaultKind = FaultBehaviour['kind'];

/** A running emulator, returned by {@link startEmulator}. */
export interface RunningEmulator {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:43127`. */
  url: string;
  /** Closes the server and every open stream. */
  close(): Promise<void>;
  /** Every request so far (bounded, oldest dropped), oldest first. */
  readonly requests: readonly RequestLogEntry[];
  /** Empties the request log. */
  clearRequests(): void;
  /** Queues a fault. Throws a `TypeError` naming the problem when the spec is invalid. */
  fault(spec: FaultSpec): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  /** Every token issued so far now gets 401. */
  revokeTokens(): void;
  /** That sid now gets 404. */
  forgetSession(sid: string): void;
  /** Issues a token as `GET /auth` would; a negative TTL gives an already expired token. */
  issueToken(options?: { ttlSeconds?: number }): Promise<string>;
  /** A snapshot of a session, or `undefined` when the sid is unknown. */
  session(sid: string): EmulatorSessionView | undefined;
}

/** A streamed event, in the OpenHands format Robocoders imitates. */
export type RobocodersEvent = RobocodersActionEvent | RobocodersObservationEvent;

interface RobocodersEventBase {
  /** Increasing within a session. */
  id: number;
  /** ISO-8601 without a zone, as Python's `datetime.isoformat()` prints it. */
  timestamp: string;
  source: 'agent' | 'user' | 'environment';
  /** A one-line human-readable summary. */
  message: string;
  sid: string;
  /** On a function-calling step's action and its observation: the model response behind it. */
  tool_call_metadata?: Record<string, unknown>;
  /** On agent actions: the conversation's accumulated cost and token usage. */
  llm_metrics?: Record<string, unknown>;
}

/** An agent action (`message`, `run`, `run_ipython`, `read`, `edit`, `delegate`, ...). */
export interface RobocodersActionEvent extends RobocodersEventBase {
  action: string;
  args: Record<string, unknown>;
}

/** The result of an action, or a state change. */
export interface RobocodersObservationEvent extends RobocodersEventBase {
  observation: string;
  content: string;
  extras: Record<string, unknown>;
  /** The id of the action this answers; absent on state changes and errors. */
  cause?: number;
  /** On command observations (`run`, `run_ipython`): the command succeeded. */
  success?: boolean;
}
