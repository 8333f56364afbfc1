// Route segment config must be literal values in the route file: Next reads it from here.
export const dynamic = 'force-dynamic';
// Agents take a while: let a long answer finish on platforms that enforce a limit.
export const maxDuration = 300;

export { POST } from '@/lib/chat-handler';
