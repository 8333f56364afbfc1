import { streamText } from 'ai';
import { benchPrompt } from './bench-text.js';
import { MemorySampler } from './memory-sampler.js';
import { callOptions, warmProvider } from './paths.js';
import { loadProvider } from './provider.js';
import { openRawSession, readRawTurn } from './raw-reader.js';

// Child entry, run with --expose-gc in a fresh process per measurement so one stream's memory
// never carries over into the next: node memory-target.js <emulatorUrl> <path> <count> <bytes>.
const [emulatorUrl, path, countText, bytesText] = process.argv.slice(2);
if (!emulatorUrl || !path || !countText || !bytesText) {
  throw new Error('usage: memory-target.js <emulatorUrl> <path> <count> <bytes>');
}
const count = Number(countText);
const bytes = Number(bytesText);
const prompt = benchPrompt(count, bytes);
let chars = 0;
let sampler: MemorySampler;

if (path === 'raw') {
  const session = await openRawSession(emulatorUrl);
  await readRawTurn(session, benchPrompt(100, bytes));
  sampler = new MemorySampler();
  const turn = await readRawTurn(session, prompt, () => sampler.tick());
  chars = turn.textChars;
} else {
  const loaded = await loadProvider();
  if (!loaded.ok) throw new Error(loaded.reason);
  const warm = await warmProvider(loaded.createRobocoders, emulatorUrl);
  if (path === 'provider-doStream') {
    sampler = new MemorySampler();
    const { stream } = await warm.model.doStream(callOptions(prompt, warm.providerMetadata()));
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.type === 'text-delta') {
        chars += value.textDelta.length;
        sampler.tick();
      }
    }
  } else if (path === 'provider-streamText') {
    sampler = new MemorySampler();
    const providerOptions = warm.sessionId
      ? { robocoders: { sessionId: warm.sessionId } }
      : undefined;
    const result = streamText({
      model: warm.model,
      prompt,
      maxRetries: 0,
      ...(providerOptions ? { providerOptions } : {}),
    });
    for await (const text of result.textStream) {
      chars += text.length;
      sampler.tick();
    }
  } else {
    throw new Error(`unknown memory path ${path}`);
  }
}
sampler.sample();
process.stdout.write(`${JSON.stringify({ path, count, chars, ...sampler.result })}\n`);
