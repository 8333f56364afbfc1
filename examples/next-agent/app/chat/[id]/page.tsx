import { notFound } from 'next/navigation';
import { Chat } from '@/components/chat';
import { DEFAULT_AGENT } from '@/lib/agents';
import { getChatStore, isChatId } from '@/lib/chat-store';
import { getTurns } from '@/lib/turns';

export const dynamic = 'force-dynamic';

/**
 * A chat by its id: what the store holds of it (nothing yet for a new one, the answer so far
 * while a turn runs) and the recent chats.
 */
export default async function ChatPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isChatId(id)) notFound();
  const chats = getChatStore();
  const [chat, recent] = await Promise.all([chats.load(id), chats.recent()]);
  const turnId = chat?.activeTurnId;
  const running = turnId !== undefined && (await (await getTurns()).state(turnId)) === 'running';
  return (
    <Chat
      key={id}
      id={id}
      initialMessages={chat?.messages ?? []}
      initialAgent={chat?.agent ?? DEFAULT_AGENT}
      recentChats={recent}
      turnRunning={running}
    />
  );
}
