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
});
