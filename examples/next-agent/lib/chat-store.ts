import type { Storage } from 'unstorage';
import type { AgentUIMessage } from './agent-message';
import { type AgentId, toAgentId } from './agents';
import { getStorage } from './storage';

/** A chat as the store keeps it. */
export interface StoredChat {
  id: string;
  title: string;
  agent: AgentId;
  updatedAt: number;
  messages: AgentUIMessage[];
  /**
   * The turn answering the last question, while it runs (see `lib/turn-registry.ts`); the
   * messages then end with its answer as far as it has come.
   */
  activeTurnId?: string;
}

/** One line of the list of recent chats. */
export type ChatSummary = Omit<StoredChat, 'messages'>;

/** Chat ids are made by the app (UUIDs); anything else is refused before it reaches a key. */
export const CHAT_ID_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;

export function isChatId(value: unknown): value is string {
  return typeof value === 'string' && CHAT_ID_PATTERN.test(value);
}

/**
 * Chats in an unstorage store: the whole chat under `chats:<id>` and its summary under
 * `chat-summaries:<id>`, so the list of recent chats reads no messages.
 */
export interface ChatStore {
  load(id: string): Promise<StoredChat | undefined>;
  save(chat: Omit<StoredChat, 'updatedAt'>): Promise<void>;
  /** The most recently updated chats, newest first. */
  recent(limit?: number): Promise<ChatSummary[]>;
}

/** `now` stamps `updatedAt` (injectable so tests order chats without waiting). */
export function createChatStore(storage: Storage, now: () => number = Date.now): ChatStore {
  const key = (prefix: string, id: string) => {
    if (!isChatId(id)) throw new TypeError(`Not a chat id: ${JSON.stringify(id)}`);
    return `${prefix}:${id}`;
  };
  return {
    async load(id) {
      const chat = await storage.getItem<StoredChat>(key('chats', id));
      if (!chat || !Array.isArray(chat.messages)) return undefined;
      return { ...chat, agent: toAgentId(chat.agent) };
    },
    async save(chat) {
      const stored: StoredChat = { ...chat, updatedAt: now() };
      const { messages: _messages, ...summary } = stored;
      await storage.setItem(key('chats', chat.id), stored);
      await storage.setItem(key('chat-summaries', chat.id), summary);
    },
    async recent(limit = 20) {
      const keys = await storage.getKeys('chat-summaries');
      const items = await storage.getItems<ChatSummary>(keys);
      return items
        .map((item) => item.value)
        .filter((summary): summary is ChatSummary => isChatId(summary?.id))
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .slice(0, limit);
    },
  };
}

let chatStore: ChatStore | undefined;

/** The app's chat store, in the app's storage (see `lib/storage.ts`). */
export function getChatStore(): ChatStore {
  chatStore ??= createChatStore(getStorage());
  return chatStore;
}
