import { resumeTurn } from '@/lib/chat-handler';

export const dynamic = 'force-dynamic';
export const maxDuration = 300;

/** `GET /api/chat/<id>/stream`: resumes the chat's running turn (see `resumeTurn`). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  return resumeTurn((await params).id);
}
