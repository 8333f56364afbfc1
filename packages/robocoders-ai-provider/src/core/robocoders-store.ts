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
  /** Stores `value` under `key` (may return a promise, which is awaited). */
  setItem(key: string, value: RobocodersStoredValue): unknown;
  /** Deletes `key` (may return a promise, which is awaited). */
  removeItem(key: string): unknown;
}

/** What the provider writes to the store. */
export type RobocodersStoredValue = { token: string } | { sid: string };

/** A store that keeps everything in memory, private to the provider instance. */
export function createMemoryStore(): RobocodersStore {
  const items = new Map<string, RobocodersStoredValue>();
  return {
    getItem: (key) => Promise.resolve(items.get(key) ?? null),
    setItem: (key, value) => {
      items.set(key, value);
      return Promise.resolve();
    },
    removeItem: (key) => {
      items.delete(key);
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
