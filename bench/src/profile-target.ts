import {
  type MeasuredPath,
  openAiModel,
  openAiStreamTextPath,
  providerDoStreamPath,
  providerStreamTextPath,
  rawPath,
  warmProvider,
} from './paths.js';
import { loadProvider } from './provider.js';

// Child entry run under `node --cpu-prof`: one warm-up stream, then the profiled one.
// node profile-target.js <emulatorUrl> <openAiUrl> <path> <count> <bytes>
const [emulatorUrl, openAiUrl, pathId, countText, bytesText] = process.argv.slice(2);
if (!emulatorUrl || !openAiUrl || !pathId || !countText || !bytesText) {
  throw new Error('usage: profile-target.js <emulatorUrl> <openAiUrl> <path> <count> <bytes>');
}
const count = Number(countText);
const bytes = Number(bytesText);

async function pathFor(id: string): Promise<MeasuredPath> {
  if (id === 'raw') return rawPath(emulatorUrl as string);
  if (id === 'openai-streamText') return openAiStreamTextPath(openAiModel(openAiUrl as string));
  const loaded = await loadProvider();
  if (!loaded.ok) throw new Error(loaded.reason);
  const warm = await warmProvider(loaded.createRobocoders, emulatorUrl as string);
  if (id === 'provider-doStream') return providerDoStreamPath(warm);
  if (id === 'provider-streamText') return providerStreamTextPath(warm);
  throw new Error(`unknown profile path ${id}`);
}

const path = await pathFor(pathId);
await path.run(Math.ceil(count / 10), bytes);
// The profiled window, in the profile's clock, so module loading and warm-up are left out.
const startUs = Number(process.hrtime.bigint() / 1000n);
await path.run(count, bytes);
const endUs = Number(process.hrtime.bigint() / 1000n);
process.stdout.write(`${JSON.stringify({ startUs, endUs })}\n`);
