import { randomUUID } from 'node:crypto';
import type { ScriptedStep } from './scripted-steps.js';
import type { AgentName, EmulatorSessionView, RobocodersEvent } from './types.js';

/** A session: the agent's memory of one conversation. */
export interface Session {
  readonly sid: string;
  agent: AgentName | null;
  /** Workspace files, path → text, in creation order. */
  files: Map<string, string>;
  prompts: string[];
  /** Streamed (and unstreamed) events, oldest dropped beyond the cap. */
  events: RobocodersEvent[];
  /** The next event id. */
  nextId: number;
  /** Steps left over when the step budget paused a turn. */
  pending: ScriptedStep[];
  /** Releases streams kept open by the `hold-open` fault. */
  holds: Set<() => void>;
  /** How many prompts and events the session keeps. */
  readonly historyCap: number;
}

/** The sessions, capped: beyond `maxSessions` the oldest is dropped. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly maxSessions: number,
    private readonly maxEventsPerSession: number,
  ) {}

  create(): Session {
    const session: Session = {
      sid: randomUUID(),
      agent: null,
      files: new Map(),
      prompts: [],
      events: [],
      nextId: 0,
      pending: [],
      holds: new Set(),
      historyCap: this.maxEventsPerSession,
    };
    this.sessions.set(session.sid, session);
    while (this.sessions.size > this.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return session;
  }

  get(sid: string): Session | undefined {
    return this.sessions.get(sid);
  }

  /** Forgets a session and lets go of any stream it holds open. */
  delete(sid: string): void {
    const session = this.sessions.get(sid);
    if (!session) return;
    this.sessions.delete(sid);
    releaseHolds(session);
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Every session, for shutdown. */
  all(): IterableIterator<Session> {
    return this.sessions.values();
  }

  recordPrompt(session: Session, prompt: string): void {
    session.prompts.push(prompt);
    trim(session.prompts, this.maxEventsPerSession);
  }

  recordEvent(session: Session, event: RobocodersEvent): void {
    session.events.push(event);
    trim(session.events, this.maxEventsPerSession);
  }
}

/** Ends every stream the session keeps open after its last wait event. */
export function releaseHolds(session: Session): void {
  const holds = [...session.holds];
  session.holds.clear();
  for (const release of holds) release();
}

/** A copy of what tests may look at. */
export function viewSession(session: Session): EmulatorSessionView {
  return {
    sid: session.sid,
    agent: session.agent,
    files: Object.fromEntries(session.files),
    prompts: session.prompts.slice(-session.historyCap),
    events: session.events.slice(-session.historyCap),
  };
}

/**
 * Drops the oldest items once the list holds a quarter more than `max`, back down to `max`.
 * Trimming on every push would shift the whole array per event (quadratic on long streams).
 */
function trim<T>(items: T[], max: number): void {
  if (items.length > max + Math.max(16, max >> 2)) items.splice(0, items.length - max);
}
