import type { RobocodersEvent } from './robocoders-event';
import { type CallUsage, createUsageAccumulator } from './usage-accumulator';

// Events shaped as OpenHands' `event_to_dict` writes them: `tool_call_metadata` (a
// `ToolCallMetadata` whose `model_response` is litellm's `ModelResponse`) on both the action
// and the observation of a function-calling step, and `llm_metrics` (`Metrics.get()` of the
// copy `_prepare_metrics_for_frontend` attaches) on agent actions only.

interface Usage {
  prompt: number;
  completion: number;
  cached?: number;
  /** Where the cached count is: OpenAI's `prompt_tokens_details` or Anthropic's field. */
  cacheField?: 'openai' | 'anthropic';
  cacheWrite?: number;
}

function modelResponse(id: string, usage: Usage) {
  const cached = usage.cached ?? 0;
  return {
    function_name: 'execute_bash',
    tool_call_id: `toolu_${id}`,
    total_calls_in_response: 1,
    model_response: {
      id,
      model: 'anthropic/claude-3-5-sonnet-20241022',
      object: 'chat.completion',
      choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant' } }],
      usage: {
        prompt_tokens: usage.prompt,
        completion_tokens: usage.completion,
        total_tokens: usage.prompt + usage.completion,
        completion_tokens_details: null,
        ...(usage.cacheField === 'anthropic'
          ? { cache_read_input_tokens: cached }
          : { prompt_tokens_details: { audio_tokens: null, cached_tokens: cached } }),
        cache_creation_input_tokens: usage.cacheWrite ?? 0,
      },
    },
  };
}

interface Accumulated {
  cost: number;
  prompt: number;
  completion: number;
  cacheRead?: number;
  cacheWrite?: number;
}

function metrics(totals: Accumulated) {
  return {
    accumulated_cost: totals.cost,
    max_budget_per_task: null,
    accumulated_token_usage: {
      model: 'anthropic/claude-3-5-sonnet-20241022',
      prompt_tokens: totals.prompt,
      completion_tokens: totals.completion,
      cache_read_tokens: totals.cacheRead ?? 0,
      cache_write_tokens: totals.cacheWrite ?? 0,
      context_window: 200000,
      per_turn_token: 0,
      response_id: '',
    },
    costs: [],
    response_latencies: [],
    token_usages: [],
  };
}

let nextId = 1;

/** A `run` step: the action and its observation, both with the model response. */
function step(response?: { id: string; usage: Usage }, totals?: Accumulated): RobocodersEvent[] {
  const id = nextId++;
  const metadata =
    response === undefined
      ? {}
      : { tool_call_metadata: modelResponse(response.id, response.usage) };
  return [
    {
      id,
      source: 'agent',
      action: 'run',
      message: 'Running command: ls',
      args: { command: 'ls', thought: '' },
      ...metadata,
      ...(totals === undefined ? {} : { llm_metrics: metrics(totals) }),
    },
    {
      id: nextId++,
      source: 'agent',
      observation: 'run',
      cause: id,
      content: 'main.py',
      success: true,
      extras: { command: 'ls', metadata: { exit_code: 0 } },
      ...metadata,
    },
  ] as RobocodersEvent[];
}

/** A plain reply: no tool call, so no `tool_call_metadata`. */
function reply(totals?: Accumulated): RobocodersEvent[] {
  return [
    {
      id: nextId++,
      source: 'agent',
      action: 'message',
      message: 'Done.',
      args: { content: 'Done.', wait_for_response: true },
      ...(totals === undefined ? {} : { llm_metrics: metrics(totals) }),
    },
  ] as RobocodersEvent[];
}

/** What surrounds the agent's events in a real stream: none of it carries usage. */
const ENVELOPE: RobocodersEvent[] = [
  { id: 0, source: 'user', action: 'message', message: 'hi', args: { content: 'hi' } },
  {
    id: 0,
    source: 'environment',
    observation: 'agent_state_changed',
    content: '',
    extras: { agent_state: 'running' },
  },
  { id: 0, source: 'agent', observation: 'null', message: 'No observation', content: '' },
];

const R1 = { id: 'chatcmpl-1', usage: { prompt: 2400, completion: 40 } };
const R2 = { id: 'chatcmpl-2', usage: { prompt: 2500, completion: 180, cached: 2400 } };
const R3 = { id: 'chatcmpl-3', usage: { prompt: 2900, completion: 30, cached: 2500 } };
// Totals after each response of a session: R1, R2, R3, then a plain reply (3000 in, 50 out).
const T1 = { cost: 0.0078, prompt: 2400, completion: 40, cacheRead: 0 };
const T2 = { cost: 0.0115, prompt: 4900, completion: 220, cacheRead: 2400 };
const T3 = { cost: 0.014, prompt: 7800, completion: 250, cacheRead: 4900 };
const T4 = { cost: 0.0158, prompt: 10800, completion: 300, cacheRead: 7800 };

const usage = (
  inputTokens: number,
  outputTokens: number,
  cacheReadTokens: number | undefined,
  cacheWriteTokens: number | undefined = 0,
) => ({ inputTokens, outputTokens, cacheReadTokens, cacheWriteTokens });

const CASES: Array<{
  name: string;
  newSession?: boolean;
  events: () => RobocodersEvent[];
  expected: CallUsage;
}> = [
  {
    name: 'no usage anywhere: unknown',
    events: () => [...ENVELOPE, ...step(), ...reply()],
    expected: { usage: undefined, costUsd: undefined },
  },
  {
    name: 'model responses only: each response once, though action and observation repeat it',
    events: () => [...ENVELOPE, ...step(R1), ...step(R2), ...step(R3), ...reply()],
    expected: { usage: usage(7800, 250, 4900), costUsd: undefined },
  },
  {
    name: "Anthropic's cache_read_input_tokens counts as cached input",
    events: () => [
      ...step({
        id: 'a',
        usage: { prompt: 100, completion: 5, cached: 60, cacheField: 'anthropic' },
      }),
      ...step({ id: 'b', usage: { prompt: 120, completion: 7, cached: 100, cacheWrite: 20 } }),
    ],
    expected: { usage: usage(220, 12, 160, 20), costUsd: undefined },
  },
  {
    name: 'a session created for the call: accumulated figures from zero, plain replies included',
    newSession: true,
    events: () => [...ENVELOPE, ...step(R1, T1), ...step(R2, T2), ...step(R3, T3), ...reply(T4)],
    expected: { usage: usage(10800, 300, 7800), costUsd: 0.0158 },
  },
  {
    name: 'a reused session: the growth from before the first response of the call',
    events: () => [...step(R2, T2), ...step(R3, T3), ...reply(T4)],
    // T4 - (T2 - R2): R2 + R3 + the reply.
    expected: { usage: usage(8400, 260, 7800), costUsd: 0.0158 - 0.0115 },
  },
  {
    name: 'a reused session whose first figures came with a plain reply: the responses counted',
    events: () => [
      ...reply(T3),
      ...step({ id: 'chatcmpl-9', usage: { prompt: 3000, completion: 50 } }, T4),
    ],
    expected: { usage: usage(3000, 50, 0), costUsd: 0.0158 - 0.014 },
  },
  {
    name: 'accumulated figures only, reused session: first to last seen',
    events: () => [...reply(T2), ...reply(T3), ...reply(T4)],
    expected: { usage: usage(5900, 80, 5400), costUsd: 0.0158 - 0.0115 },
  },
  {
    name: 'accumulated figures only, across a continuation (the same session goes on)',
    newSession: true,
    events: () => [...step(undefined, T1), ...step(undefined, T2), ...reply(T3), ...reply(T4)],
    expected: { usage: usage(10800, 300, 7800), costUsd: 0.0158 },
  },
  {
    name: 'figures that go down (reset) are not used: the responses are',
    events: () => [...step(R1, T3), ...step(R2, T1)],
    expected: { usage: usage(4900, 220, 2400), costUsd: undefined },
  },
  {
    name: 'malformed figures are ignored, never thrown on',
    events: () =>
      [
        { id: 1, action: 'run', tool_call_metadata: { model_response: { id: 7, usage: {} } } },
        { id: 2, action: 'run', tool_call_metadata: { model_response: { id: 'x', usage: 'n/a' } } },
        { id: 3, action: 'run', tool_call_metadata: null, llm_metrics: 'n/a' },
        {
          id: 4,
          action: 'run',
          llm_metrics: { accumulated_cost: -1, accumulated_token_usage: { prompt_tokens: '9' } },
        },
      ] as RobocodersEvent[],
    expected: { usage: undefined, costUsd: undefined },
  },
];

describe('createUsageAccumulator', () => {
  it.each(CASES)('$name', ({ newSession = false, events, expected }) => {
    const accumulator = createUsageAccumulator({ newSession });
    for (const event of events()) accumulator.add(event);
    const result = accumulator.result();
    expect(result.usage).toEqual(expected.usage);
    if (expected.costUsd === undefined) expect(result.costUsd).toBeUndefined();
    else expect(result.costUsd).toBeCloseTo(expected.costUsd, 10);
  });

  it('reads the figures of a stream the emulator wrote', () => {
    // Three steps and the final message of the factorial turn, trimmed to the usage fields.
    const emulatorTurn = [
      [2, 'chatcmpl-emulator-0001', 2409, 36, 0, 0.007767, 2409, 36, 0],
      [3, 'chatcmpl-emulator-0001', 2409, 36, 0],
      [4, 'chatcmpl-emulator-0002', 2494, 187, 2409, 0.0115497, 4903, 223, 2409],
      [5, 'chatcmpl-emulator-0002', 2494, 187, 2409],
      [6, 'chatcmpl-emulator-0003', 2924, 33, 2494, 0.0140829, 7827, 256, 4903],
      [7, 'chatcmpl-emulator-0003', 2924, 33, 2494],
    ].map(([id, responseId, prompt, completion, cached, cost, total, out, read]) => ({
      id,
      tool_call_metadata: modelResponse(responseId as string, {
        prompt: prompt as number,
        completion: completion as number,
        cached: cached as number,
      }),
      ...(cost === undefined
        ? {}
        : {
            llm_metrics: metrics({
              cost: cost as number,
              prompt: total as number,
              completion: out as number,
              cacheRead: read as number,
            }),
          }),
    }));
    const final = {
      id: 8,
      action: 'message',
      llm_metrics: metrics({ cost: 0.0157911, prompt: 10793, completion: 303, cacheRead: 7827 }),
    };
    const fresh = createUsageAccumulator({ newSession: true });
    const reused = createUsageAccumulator({ newSession: false });
    for (const event of [...emulatorTurn, final] as RobocodersEvent[]) {
      fresh.add(event);
      reused.add(event);
    }
    expect(fresh.result().usage).toEqual(usage(10793, 303, 7827));
    expect(fresh.result().costUsd).toBeCloseTo(0.0157911, 10);
    // Without the session's history, the first response is subtracted back out of its figures.
    expect(reused.result().usage).toEqual(usage(10793, 303, 7827));
  });
});
