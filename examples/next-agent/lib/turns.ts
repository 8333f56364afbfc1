import { after } from 'next/server';
import { createMemoryPubSub, createRedisPubSub, type TurnPubSub } from './turn-pubsub';
import { createTurnRegistry, type TurnRegistry } from './turn-registry';

// On globalThis: Next.js may load this module once per route bundle, and every route must see
// the same turns (the in-process pub/sub is the only place they are known).
const shared = globalThis as typeof globalThis & { __nextAgentTurns?: Promise<TurnRegistry> };

/** An SSE error event in the UI message stream's shape, for a turn whose stream broke. */
function failureChunk(error: unknown): string {
  console.error('[next-agent] a turn broke off:', error);
  const errorText = 'The answer broke off on the server. Retry to ask again.';
  return `data: ${JSON.stringify({ type: 'error', errorText })}\n\n`;
}

/**
 * The app's turns: over Redis when `REDIS_URL` is set (several app instances resume and stop
 * each other's turns), else in this process (one instance, nothing else to run).
 */
export function getTurns(): Promise<TurnRegistry> {
  shared.__nextAgentTurns ??= (async () => {
    const url = process.env.REDIS_URL;
    const pubsub: TurnPubSub = url ? await createRedisPubSub(url) : createMemoryPubSub();
    return createTurnRegistry({ pubsub, failureChunk, waitUntil: keepAlive });
  })();
  return shared.__nextAgentTurns;
}

/** On a serverless host the function lives until the turn ends; on a server this is a no-op. */
function keepAlive(promise: Promise<unknown>) {
  try {
    after(promise);
  } catch {
    // Outside a request (the turn's own callbacks): the server process keeps running anyway.
  }
}
