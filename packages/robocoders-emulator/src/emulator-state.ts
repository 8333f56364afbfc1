import type { EventStreamWriter } from './event-stream-writer.js';
import type { FaultQueue } from './faults.js';
import type { GitWorkspaces } from './git-workspace.js';
import type { RequestLog } from './request-log.js';
import type { SessionStore } from './session-store.js';
import type { TokenIssuer } from './tokens.js';

/** {@link EmulatorOptions} with every default applied. */
export interface ResolvedOptions {
  host: string;
  port: number;
  paceMs: number;
  tokenTtlSeconds: number;
  jwtSecret: string | undefined;
  stepBudget: number;
  observations: boolean;
  maxSessions: number;
  maxEventsPerSession: number;
  maxBodyBytes: number;
  log: ((line: string) => void) | undefined;
  openHandsEnvelope: boolean;
}

/** Everything the routes share. */
export interface EmulatorState {
  options: ResolvedOptions;
  tokens: TokenIssuer;
  sessions: SessionStore;
  faults: FaultQueue;
  /** The workspaces as git repositories, for `/get-session-code`. */
  workspaces: GitWorkspaces;
  requestLog: RequestLog;
  /** Open `/chat` streams, ended at shutdown. */
  streams: Set<EventStreamWriter>;
  /** The emulator's own base URL, known once it listens. */
  baseUrl: string;
}
