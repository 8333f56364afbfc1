import { getChatStore, isChatId } from '@/lib/chat-store';

export const dynamic = 'force-dynamic';

/** `GET /api/chats/<id>`: the chat's messages as stored (after a turn the page could not resume). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const chat = isChatId(id) ? await getChatStore().load(id) : undefined;
  if (!chat) return Response.json({ error: 'No such chat.' }, { status: 404 });
  return Response.json({ messages: chat.messages });
}
