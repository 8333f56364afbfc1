import { getChatStore } from '@/lib/chat-store';

export const dynamic = 'force-dynamic';

/** `GET /api/chats`: the recent chats, newest first, for the list beside the conversation. */
export async function GET(): Promise<Response> {
  return Response.json(await getChatStore().recent());
}
