import { stopTurn } from '@/lib/chat-handler';

export const dynamic = 'force-dynamic';

/** `POST /api/chat/<id>/stop`: Stop (see `stopTurn`). */
export async function POST(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  return stopTurn((await params).id);
}
