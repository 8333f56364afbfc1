// One app instance for the scale-out test: a separate Node process with its own provider
// instance (from the built package), sharing only the Redis store with the other instances.
// Input: a JSON job in argv[2]. Output: one JSON line on stdout.
import { generateText } from 'ai';
import { createStorage } from 'unstorage';
import redisDriver from 'unstorage/drivers/redis';
import { createRobocoders } from '../../dist/index.js';

const job = JSON.parse(process.argv[2]);
const store = createStorage({ driver: redisDriver({ url: job.redisUrl, base: job.base }) });
try {
  const robocoders = createRobocoders({ baseURL: job.baseURL, store, maxContinuations: 0 });
  const result = await generateText({
    model: robocoders(job.agent),
    messages: job.messages,
    providerOptions: { robocoders: { conversationId: job.conversationId } },
    maxRetries: 0,
  });
  process.stdout.write(
    `${JSON.stringify({
      pid: process.pid,
      text: result.text,
      finishReason: result.finishReason,
      robocoders: result.providerMetadata?.robocoders,
    })}\n`,
  );
} catch (error) {
  process.stdout.write(`${JSON.stringify({ pid: process.pid, error: String(error) })}\n`);
  process.exitCode = 1;
} finally {
  await store.dispose();
}
