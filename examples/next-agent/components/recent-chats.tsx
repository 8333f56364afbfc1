'use client';

import Link from 'next/link';
import type { ChatSummary } from '@/lib/chat-store';

/** The recent chats, newest first; the open one is marked as the current page. */
export function RecentChats({ chats, currentId }: { chats: ChatSummary[]; currentId: string }) {
  return (
    <nav className="recent" aria-label="Recent chats">
      <h2 className="recent-title">Recent chats</h2>
      {chats.length === 0 ? (
        <p className="recent-empty">Your chats will be listed here.</p>
      ) : (
        <ul className="recent-list">
          {chats.map((chat) => (
            <li key={chat.id}>
              <Link
                href={`/chat/${chat.id}`}
                className="recent-link"
                aria-current={chat.id === currentId ? 'page' : undefined}
              >
                {chat.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
