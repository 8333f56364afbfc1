import * as v2 from 'robocoders-ai-provider/v2';
import * as v3 from 'robocoders-ai-provider/v3';
import * as v4 from 'robocoders-ai-provider/v4';
import type { RunningEmulator } from 'robocoders-emulator';
import { chatBodies, TASK, useEmulator } from './emulator-fixture';
import { MAJORS } from './majors';

const emulator = useEmulator();

/** The session's running totals (OpenHands `llm_metrics` of its last agent action). */
function sessionTotals(running: RunningEmulator, sid: string) {
  const events = running.session(sid)?.events ?? [];
  const metrics = [...events].reverse().find((event) => event.llm_metrics !== undefined)
    ?.llm_metrics as {
    accumulated_cost: number;
    accumulated_token_usage: {
      prompt_tokens: number;
      completion_tokens: number;
      cache_read_tokens: number;
    };
  };
  const usage = metrics.accumulated_token_usage;
  return {
    input: usage.prompt_tokens,
    output: usage.completion_tokens,
    cacheRead: usage.cache_read_tokens,
    cost: metrics.accumulated_cost,
  };
}

describe.each(MAJORS)('$name with robocoders-ai-provider$entry', (major) => {
  it('reports the usage and cost the service reported', async () => {
    const model = major.createModel({ baseURL: emulator().url, maxContinuations: 0 });
    const result = await major.generateText({ model, prompt: TASK, tools: major.agentTools });
    const [{ sid }] = chatBodies(emulator());
    const totals = sessionTotals(emulator(), sid);
    expect(result.usage).toMatchObject({
      inputTokens: totals.input,
      outputTokens: totals.output,
      totalTokens: totals.input + totals.output,
    });
    expect(result.providerMetadata?.robocoders?.costUsd).toBeCloseTo(totals.cost, 10);
    const cacheRead =
      major.entry === '/v2'
        ? result.usage.cachedInputTokens
        : result.usage.inputTokenDetails?.cacheReadTokens;
    expect(cacheRead).toBe(totals.cacheRead);
  });
});

describe.each([
  { entry: '/v2', createRobocoders: v2.createRobocoders },
  { entry: '/v3', createRobocoders: v3.createRobocoders },
  { entry: '/v4', createRobocoders: v4.createRobocoders },
])('getSessionCode from the built $entry entry', ({ createRobocoders }) => {
  it('hands out the repository of a conversation', async () => {
    const provider = createRobocoders({ baseURL: emulator().url, maxContinuations: 0 });
    await provider('GeneralCodingAgent').doGenerate({
      prompt: [{ role: 'user', content: [{ type: 'text', text: TASK }] }],
      providerOptions: { robocoders: { conversationId: 'majors-chat' } },
    });
    const [{ sid }] = chatBodies(emulator());
    const code = await provider.getSessionCode({
      conversationId: 'majors-chat',
      githubUsername: 'octocat',
    });
    expect(code.repoUrl).toBe(`${emulator().url}/workspaces/${sid}`);
  });
});
