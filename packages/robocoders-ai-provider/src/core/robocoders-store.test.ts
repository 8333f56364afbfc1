import { createStorage } from 'unstorage';
import {
  createMemoryStore,
  type RobocodersStore,
  readStoredString,
  robocodersStoreKeys,
} from './robocoders-store';

describe('robocodersStoreKeys', () => {
  it('namespaces keys by host', () => {
    const keys = robocodersStoreKeys('https://api.robocoders.ai');
    expect(keys.token).toBe('robocoders:api.robocoders.ai:token');
    expect(keys.conversation('chat-1')).toBe('robocoders:api.robocoders.ai:conversation:chat-1');
    expect(robocodersStoreKeys('http://127.0.0.1:4010').token).not.toBe(keys.token);
  });

  it('encodes a conversation id into one segment without separators or dots', () => {
    const key = robocodersStoreKeys('http://localhost').conversation('../a:b/c\\d.e');
    const segment = key.slice('robocoders:localhost:conversation:'.length);
    expect(segment).not.toMatch(/[:/\\.]/);
    expect(decodeURIComponent(segment)).toBe('../a:b/c\\d.e');
  });
});

describe('createMemoryStore', () => {
  it('stores, reads and removes values', async () => {
    const store = createMemoryStore();
    await store.setItem('k', { sid: 's1' });
    expect(await readStoredString(store, 'k', 'sid')).toBe('s1');
    expect(await readStoredString(store, 'k', 'token')).toBeUndefined();
    await store.removeItem('k');
    expect(await store.getItem('k')).toBeNull();
  });
});

describe('unstorage compatibility', () => {
  it('accepts an unstorage Storage as a RobocodersStore', async () => {
    const store: RobocodersStore = createStorage();
    const keys = robocodersStoreKeys('http://127.0.0.1:4010');
    await store.setItem(keys.token, { token: 'abc' });
    await store.setItem(keys.conversation('c1'), { sid: '123' });
    expect(await readStoredString(store, keys.token, 'token')).toBe('abc');
    // unstorage would turn a bare "123" into a number; values are objects for that reason.
    expect(await readStoredString(store, keys.conversation('c1'), 'sid')).toBe('123');
  });

  it('ignores values of the wrong shape', async () => {
    const storage = createStorage();
    await storage.setItem('a', 'plain string');
    await storage.setItem('b', { sid: 42 });
    expect(await readStoredString(storage, 'a', 'sid')).toBeUndefined();
    expect(await readStoredString(storage, 'b', 'sid')).toBeUndefined();
  });

  it('keeps at most maxConversations conversations, dropping the least recently used', async () => {
    const store = createMemoryStore({ maxConversations: 2 });
    await store.setItem('token', { token: 't' });
    await store.setItem('a', { sid: 'sa' });
    await store.setItem('b', { sid: 'sb' });
    // Reading `a` makes `b` the least recently used.
    await store.getItem('a');
    await store.setItem('c', { sid: 'sc' });
    expect(await readStoredString(store, 'a', 'sid')).toBe('sa');
    expect(await readStoredString(store, 'b', 'sid')).toBeUndefined();
    expect(await readStoredString(store, 'c', 'sid')).toBe('sc');
    // The token is not a conversation and is never dropped for one.
    expect(await readStoredString(store, 'token', 'token')).toBe('t');
  });

  it('keeps 10,000 conversations by default', async () => {
    const store = createMemoryStore();
    for (let index = 0; index <= 10_000; index++) {
      await store.setItem(`c${index}`, { sid: `s${index}` });
    }
    expect(await store.getItem('c0')).toBeNull();
    expect(await store.getItem('c1')).toEqual({ sid: 's1' });
    expect(await store.getItem('c10000')).toEqual({ sid: 's10000' });
  });

  it('drops an entry once its ttl has passed', async () => {
    let now = 1_000_000;
    const store = createMemoryStore({ now: () => now });
    await store.setItem('short', { sid: 's' }, { ttl: 60 });
    await store.setItem('forever', { sid: 'f' });
    now += 59_999;
    expect(await store.getItem('short')).toEqual({ sid: 's' });
    now += 1;
    expect(await store.getItem('short')).toBeNull();
    now += 10 ** 12;
    expect(await store.getItem('forever')).toEqual({ sid: 'f' });
  });
});
