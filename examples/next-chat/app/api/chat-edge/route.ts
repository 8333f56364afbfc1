// The same chat endpoint on the Edge Runtime: proves the provider needs no Node API. An edge
// isolate has its own module instance, so its provider (token, chat -> session map) is separate
// from the Node route's one. Route segment config must be literal values in the route file.
export const runtime = 'edge';
export const dynamic = 'force-dynamic';
// Agents take a while: let a long answer finish on platforms that enforce a limit.
export const maxDuration = 300;

export { POST } from '@/lib/chat-handler';
