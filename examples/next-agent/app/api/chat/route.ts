export { POST } from '@/lib/chat-handler';

// Answers stream for as long as the agent works.
export const dynamic = 'force-dynamic';
export const maxDuration = 300;
