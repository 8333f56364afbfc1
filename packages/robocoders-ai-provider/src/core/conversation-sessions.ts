import { raceAbort } from './abort';
import type { CallContext, Warn } from './call-context';
import { type RobocodersStore, readStoredString } from './robocoders-store';
import { guardStore } from './store-guard';

/** Where a call's session came from; it decides what happens when the service forgot it. */
export type SessionOrigin = 'user' | 'conversation' | 'history' | 'call';

/** The session a call runs in. */
export interface ResolvedSession {
  sid: string;
  /** Created for this call: send the whole conversation. */
  fresh: boolean;
  origin: SessionOrigin;
  /** Once the server accepted the prompt: remember (or renew) the conversation's session. */
  commit?: (warn: Warn) => Promise<void>;
  /** When the chat request failed: let calls waiting for this new session try on their own. */
  abandon?: (error: unknown) => void;
}

/** What {@link ConversationSessions} needs. */
export interface ConversationSessionsConfig {
  store: RobocodersStore;
  /** The store key of a conversation. */
  key: (conversationId: string) => string;
  /** Passed as `ttl` at each use of a conversation's session; `0` or unset: no expiry. */
  ttlSeconds?: number;
  createSession: (context: CallContext) => Promise<string>;
}

interface Pending {
  promise: Promise<string>;
  resolve(sid: string): void;
  reject(error: unknown): void;
}

function createPending(): Pending {
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
 * The `conversationId -> session` map of one provider instance, in its store. The first of
 * concurrent calls of a conversation creates the session; the others wait until the server
 * has accepted that call's prompt, then reuse it. Each use renews the entry's expiry. A store
 * that fails to read counts as one without the conversation, one that fails to write leaves it
 * unremembered; both are the call's warnings, never its failure.
 */
export class ConversationSessions {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly config: ConversationSessionsConfig) {}

  /**
   * The conversation's session. `stale` is one the server no longer knows: it is replaced,
   * once for all callers. `fallback` (a session named in the prompt's history) is adopted when
   * the store remembers none.
   */
  async resolve(
    conversationId: string,
    context: CallContext,
    { stale, fallback }: { stale?: string; fallback?: string } = {},
  ): Promise<ResolvedSession> {
    const key = this.config.key(conversationId);
    for (;;) {
      const pending = this.pending.get(key);
      if (pending !== undefined) {
        try {
          const sid = await raceAbort(pending.promise, context.signal);
          if (sid !== stale) return this.reused(key, sid);
        } catch (error) {
          if (context.signal?.aborted) throw error;
          // The creating call failed; try again, possibly as the creator.
        }
        continue;
      }
      const stored = await guardStore(context.warn, 'read', key, () =>
        readStoredString(this.config.store, key, 'sid'),
      );
      if (this.pending.has(key)) continue;
      if (stored !== undefined && stored !== stale) return this.reused(key, stored);
      if (stored === undefined && fallback !== undefined && fallback !== stale) {
        return this.reused(key, fallback);
      }
      return this.create(key, stored, context);
    }
  }

  /** The session the store remembers for a conversation, if any (store failures throw). */
  remembered(conversationId: string): Promise<string | undefined> {
    const key = this.config.key(conversationId);
    return readStoredString(this.config.store, key, 'sid');
  }

  private reused(key: string, sid: string): ResolvedSession {
    return {
      sid,
      fresh: false,
      origin: 'conversation',
      commit: (warn) => this.write(key, sid, warn),
    };
  }

  private async create(
    key: string,
    stored: string | undefined,
    context: CallContext,
  ): Promise<ResolvedSession> {
    const created = createPending();
    this.pending.set(key, created);
    const settle = () => {
      if (this.pending.get(key) === created) this.pending.delete(key);
    };
    let sid: string;
    try {
      if (stored !== undefined) {
        await guardStore(context.warn, 'remove', key, async () => {
          await this.config.store.removeItem(key);
        });
      }
      sid = await this.config.createSession(context);
    } catch (error) {
      settle();
      created.reject(error);
      throw error;
    }
    return {
      sid,
      fresh: true,
      origin: 'conversation',
      commit: async (warn) => {
        try {
          await this.write(key, sid, warn);
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

  // Written at every use, so the expiry counts from the last use, not the first.
  private async write(key: string, sid: string, warn: Warn): Promise<void> {
    const ttl = this.config.ttlSeconds;
    await guardStore(warn, 'write', key, async () => {
      await this.config.store.setItem(key, { sid }, ttl ? { ttl } : undefined);
    });
  }
}
