export { POST } from '@/lib/code-handler';

export const dynamic = 'force-dynamic';
