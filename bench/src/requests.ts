import type { LanguageModelV1CallOptions, LanguageModelV1Prompt } from 'ai';
import { benchPrompt } from './bench-text.js';
import {
  clearRequestLog,
  countRequests,
  type RequestCounts,
  totalRequests,
} from './emulator-control.js';
import { consumeDoStream } from './paths.js';
import type { CreateRobocoders } from './provider.js';

export interface RequestsPerTurn {
  cold: RequestCounts;
  coldTotal: number;
  warm: RequestCounts;
  warmTotal: number;
  concurrentColdCalls: number;
  concurrentCold: RequestCounts;
  concurrentColdTotal: number;
}

function conversationCall(prompt: LanguageModelV1Prompt, conversationId: string) {
  const options: LanguageModelV1CallOptions = {
    inputFormat: 'messages',
    mode: { type: 'regular' },
    prompt,
    providerMetadata: { robocoders: { conversationId } },
  };
  return options;
}

/**
 * Requests per turn, counted in the emulator's log: a cold call (new provider: token, session,
 * chat), a warm follow-up in the same conversation (chat only), and `concurrentCalls` cold calls
 * at once on one new provider (one token fetch expected, thanks to single-flight).
 */
export async function measureRequestsPerTurn(
  createRobocoders: CreateRobocoders,
  emulatorUrl: string,
  concurrentCalls: number,
): Promise<RequestsPerTurn> {
  const user = (text: string) => ({
    role: 'user' as const,
    content: [{ type: 'text' as const, text }],
  });
  const model = createRobocoders({ baseURL: emulatorUrl, maxContinuations: 0 })(
    'GeneralCodingAgent',
  );
  const firstPrompt: LanguageModelV1Prompt = [user(benchPrompt(1, 16))];

  await clearRequestLog(emulatorUrl);
  const first = await consumeDoStream('cold turn', model, conversationCall(firstPrompt, 'rpt-1'));
  const cold = await countRequests(emulatorUrl);

  // The follow-up carries the whole conversation, as useChat sends it.
  const followUp: LanguageModelV1Prompt = [
    ...firstPrompt,
    { role: 'assistant', content: [{ type: 'text', text: 'x'.repeat(first.chars) }] },
    user(benchPrompt(1, 16)),
  ];
  await clearRequestLog(emulatorUrl);
  await consumeDoStream('warm turn', model, conversationCall(followUp, 'rpt-1'));
  const warm = await countRequests(emulatorUrl);

  const fresh = createRobocoders({ baseURL: emulatorUrl, maxContinuations: 0 })(
    'GeneralCodingAgent',
  );
  await clearRequestLog(emulatorUrl);
  await Promise.all(
    Array.from({ length: concurrentCalls }, (_, i) =>
      consumeDoStream('concurrent cold turn', fresh, conversationCall(firstPrompt, `rpt-c${i}`)),
    ),
  );
  const concurrentCold = await countRequests(emulatorUrl);
  return {
    cold,
    coldTotal: totalRequests(cold),
    warm,
    warmTotal: totalRequests(warm),
    concurrentColdCalls: concurrentCalls,
    concurrentCold,
    concurrentColdTotal: totalRequests(concurrentCold),
  };
}
