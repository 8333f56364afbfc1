import { createStorage } from 'unstorage';
import { describe, expect, it } from 'vitest';
import { createChatStore } from './chat-store';

describe('createChatStore', () => {
  it('keeps chats and lists the recent ones newest first, without their messages', async () => {
    let clock = 0;
    const store = createChatStore(createStorage(), () => ++clock);
    const message = {
      id: 'q',
      role: 'user' as const,
      parts: [{ type: 'text' as const, text: 'hi' }],
    };
    await store.save({ id: 'older', title: 'Older', agent: 'RepoAgent', messages: [message] });
    await store.save({ id: 'newer', title: 'Newer', agent: 'GeneralCodingAgent', messages: [] });
    expect((await store.load('older'))?.messages).toEqual([message]);
    expect(await store.load('missing')).toBeUndefined();
    const recent = await store.recent();
    expect(recent.map((chat) => chat.id)).toEqual(['newer', 'older']);
    expect(recent[0]).not.toHaveProperty('messages');
  });

  it('refuses ids that are not chat ids before they reach a key', async () => {
    const store = createChatStore(createStorage());
    await expect(store.load('../etc')).rejects.toThrow(TypeError);
    await expect(store.load('a:b')).rejects.toThrow(/Not a chat id/);
  });
});
