/**
 * The async key-value store the provider keeps its token and conversation sessions in. It is
 * the subset of unstorage's `Storage` the provider uses, so `createStorage({ driver })` from
 * unstorage fits as is (memory, fs, Redis, Vercel KV, Cloudflare KV, ...).
 *
 * Values are plain JSON objects; keys are namespaced by host and never contain a token.
 */
export interface RobocodersStore {
  /** The value stored under `key`, or `null`/`undefined` when there is none (may be a promise). */
  getItem(key: string): unknown;
  /**
   * Stores `value` under `key` (may return a promise, which is awaited). `options.ttl` is how
   * many seconds the entry should live, as unstorage's Redis, Vercel KV and Cloudflare KV
   * drivers read it; stores without expiry may ignore it.
   */
  setItem(key: string, value: RobocodersStoredValue, options?: RobocodersStoreSetOptions): unknown;
  /** Deletes `key` (may return a promise, which is awaited). */
  removeItem(key: string): unknown;
}

/** The options of {@link RobocodersStore.setItem}. */
export interface RobocodersStoreSetOptions {
  /** Seconds until the entry expires. */
  ttl?: number;
}

/** What the provider writes to the store. */
export type RobocodersStoredValue = { token: string } | { sid: string };

/** How many conversations the default in-memory store keeps. */
export const DEFAULT_MAX_CONVERSATIONS = 10_000;

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /**
   * How many conversation sessions to keep; past that the least recently used is dropped (its
   * conversation then gets a new session with the whole conversation).
   *
   * @default 10000
   */
  maxConversations?: number;
  /** Current time in ms, for `ttl`; injectable for tests. */
  now?: () => number;
}

interface MemoryEntry {
  value: RobocodersStoredValue;
  expiresAt: number;
}

/**
 * A store that keeps everything in memory, private to the provider instance: at most
 * `maxConversations` conversations (least recently used dropped first), each entry until its
 * `ttl` runs out.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): RobocodersStore {
  const maxConversations = options.maxConversations ?? DEFAULT_MAX_CONVERSATIONS;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order, so re-inserting on use keeps the least recent first.
  const conversations = new Map<string, MemoryEntry>();
  const others = new Map<string, MemoryEntry>();
  const mapOf = (key: string) => (conversations.has(key) ? conversations : others);
  return {
    getItem: (key) => {
      const map = mapOf(key);
      const entry = map.get(key);
      if (entry === undefined) return Promise.resolve(null);
      map.delete(key);
      if (entry.expiresAt <= now()) return Promise.resolve(null);
      map.set(key, entry);
      return Promise.resolve(entry.value);
    },
    setItem: (key, value, setOptions) => {
      const ttl = setOptions?.ttl;
      const entry = {
        value,
        expiresAt: ttl !== undefined && ttl > 0 ? now() + ttl * 1000 : Number.POSITIVE_INFINITY,
      };
      mapOf(key).delete(key);
      if ('sid' in value) {
        conversations.set(key, entry);
        for (const oldest of conversations.keys()) {
          if (conversations.size <= maxConversations) break;
          conversations.delete(oldest);
        }
      } else {
        others.set(key, entry);
      }
      return Promise.resolve();
    },
    removeItem: (key) => {
      mapOf(key).delete(key);
      return Promise.resolve();
    },
  };
}

/** The store keys of one base URL. */
export interface RobocodersStoreKeys {
  token: string;
  conversation(conversationId: string): string;
}

// unstorage treats ':' and '/' as separators and the fs driver maps them to folders, so a
// user-given id is percent-encoded into a single segment (dots too, so '..' cannot appear).
function encodeSegment(value: string): string {
  return encodeURIComponent(value).replace(
    /[.*'()!~]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Keys are namespaced by the base URL's host (`robocoders:<host>:token`,
 * `robocoders:<host>:conversation:<id>`) so a store shared by providers of different servers
 * (e.g. the emulator and production) never mixes their tokens or sessions.
 */
export function robocodersStoreKeys(baseURL: string): RobocodersStoreKeys {
  const prefix = `robocoders:${new URL(baseURL).host}`;
  return {
    token: `${prefix}:token`,
    conversation: (conversationId) => `${prefix}:conversation:${encodeSegment(conversationId)}`,
  };
}

/** Reads a `{ sid }` or `{ token }` entry, ignoring anything else a shared store may hold. */
export async function readStoredString(
  store: RobocodersStore,
  key: string,
  field: 'sid' | 'token',
): Promise<string | undefined> {
  const value = (await store.getItem(key)) as Record<string, unknown> | null | undefined;
  const item = typeof value === 'object' && value !== null ? value[field] : undefined;
  return typeof item === 'string' && item !== '' ? item : undefined;
}
