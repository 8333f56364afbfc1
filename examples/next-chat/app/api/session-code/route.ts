// Route segment config must be literal values in the route file: Next reads it from here.
export const dynamic = 'force-dynamic';

export { POST } from '@/lib/session-code-handler';
