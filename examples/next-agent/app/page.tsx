import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';

// Every visit to / starts a new chat with its own id in the URL.
export const dynamic = 'force-dynamic';

export default function Home() {
  redirect(`/chat/${randomUUID()}`);
}
