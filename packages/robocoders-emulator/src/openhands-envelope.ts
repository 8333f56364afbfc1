import type { ScriptedStep } from './scripted-steps.js';
import type { Session } from './session-store.js';

/**
 * What OpenHands' `event_to_dict` adds around the agent's own events, for the scripted turns:
 * the usage of the (imaginary) model responses behind each step, and the environment's events
 * that a real stream carries besides the agent speaking.
 */

/** The model the scripted agents pretend to call. */
export const EMULATED_MODEL = 'emulator/scripted-coder';

/** Dollars per token, in the range of 2025 frontier models, so costs look like costs. */
const PRICE = { input: 3e-6, cachedInput: 3e-7, output: 15e-6 } as const;
/** Tokens of the system prompt and tool definitions every request carries. */
const SYSTEM_PROMPT_TOKENS = 2400;
const CONTEXT_WINDOW = 200_000;

/** Tool names of OpenHands' CodeAct function calling, per action. */
const FUNCTION_NAMES: Readonly<Record<string, string>> = {
  run: 'execute_bash',
  run_ipython: 'execute_ipython_cell',
  read: 'str_replace_editor',
  edit: 'str_replace_editor',
  write: 'str_replace_editor',
  browse: 'browser',
  think: 'think',
  finish: 'finish',
};

/** A session's running LLM account, as OpenHands' `Metrics` keeps it per conversation. */
interface Meter {
  responses: number;
  /** Tokens of the conversation so far (prompts, replies, observations). */
  context: number;
  lastPrompt: number;
  promptTokens: number;
  completionTokens: number;
  cacheReadTokens: number;
  cost: number;
}

const meters = new WeakMap<Session, Meter>();

function meterOf(session: Session): Meter {
  let meter = meters.get(session);
  if (!meter) {
    meter = {
      responses: 0,
      context: SYSTEM_PROMPT_TOKENS,
      lastPrompt: 0,
      promptTokens: 0,
      completionTokens: 0,
      cacheReadTokens: 0,
      cost: 0,
    };
    meters.set(session, meter);
  }
  return meter;
}

/** A rough, deterministic token count: about four characters a token. */
function tokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** The model response behind one step, as litellm's `ModelResponse.model_dump()` shows it. */
interface ModelResponse {
  id: string;
  usage: {
    prompt_tokens: number;
    completion_tokens: number;
    cached: number;
  };
}

/** Counts one model response producing `output`, and returns its id and usage. */
function respond(session: Session, output: string): ModelResponse {
  const meter = meterOf(session);
  meter.responses += 1;
  const prompt = meter.context;
  // The provider caches the prompt prefix: everything the previous request already sent.
  const cached = Math.min(meter.lastPrompt, prompt);
  const completion = tokens(output);
  meter.lastPrompt = prompt;
  meter.context += completion;
  meter.promptTokens += prompt;
  meter.completionTokens += completion;
  meter.cacheReadTokens += cached;
  const cost =
    (prompt - cached) * PRICE.input + cached * PRICE.cachedInput + completion * PRICE.output;
  // Rounded so the same turn always serializes to the same figures.
  meter.cost = Math.round((meter.cost + cost) * 1e9) / 1e9;
  return {
    id: `chatcmpl-emulator-${String(meter.responses).padStart(4, '0')}`,
    usage: { prompt_tokens: prompt, completion_tokens: completion, cached },
  };
}

/** Adds what the user said (or an observation showed the agent) to the conversation. */
export function meterInput(session: Session, text: string): void {
  meterOf(session).context += tokens(text);
}

/** `llm_metrics` as `Metrics.get()` serializes the conversation's figures for the front end. */
function llmMetrics(session: Session): Record<string, unknown> {
  const meter = meterOf(session);
  return {
    accumulated_cost: meter.cost,
    max_budget_per_task: null,
    accumulated_token_usage: {
      model: EMULATED_MODEL,
      prompt_tokens: meter.promptTokens,
      completion_tokens: meter.completionTokens,
      cache_read_tokens: meter.cacheReadTokens,
      cache_write_tokens: 0,
      context_window: CONTEXT_WINDOW,
      per_turn_token: meter.lastPrompt,
      response_id: '',
    },
    costs: [],
    response_latencies: [],
    token_usages: [],
  };
}

/** The top-level fields OpenHands adds to an agent action and to the observation answering it. */
export interface UsageFields {
  action: Record<string, unknown>;
  observation: Record<string, unknown>;
}

/**
 * The usage fields of one agent step: a step of work is a function call
 * (`tool_call_metadata` with the model response, on the action and on its observation); a
 * message is a plain reply. Both actions carry the conversation's `llm_metrics`.
 */
export function stepUsage(session: Session, step: ScriptedStep): UsageFields {
  const thought = typeof step.args.thought === 'string' ? step.args.thought : '';
  if (step.action === 'message') {
    respond(session, String(step.args.content ?? step.message));
    return { action: { llm_metrics: llmMetrics(session) }, observation: {} };
  }
  const functionName = FUNCTION_NAMES[step.action] ?? step.action;
  const { thought: _thought, ...callArgs } = step.args;
  const argumentsJson = JSON.stringify(callArgs);
  const response = respond(session, thought + argumentsJson);
  const toolCallId = `toolu_emulator_${String(meterOf(session).responses).padStart(4, '0')}`;
  const { prompt_tokens, completion_tokens, cached } = response.usage;
  const toolCallMetadata = {
    function_name: functionName,
    tool_call_id: toolCallId,
    model_response: {
      id: response.id,
      model: EMULATED_MODEL,
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          message: {
            role: 'assistant',
            content: thought === '' ? null : thought,
            tool_calls: [
              {
                index: 0,
                id: toolCallId,
                type: 'function',
                function: { name: functionName, arguments: argumentsJson },
              },
            ],
          },
        },
      ],
      usage: {
        prompt_tokens,
        completion_tokens,
        total_tokens: prompt_tokens + completion_tokens,
        completion_tokens_details: null,
        prompt_tokens_details: { audio_tokens: null, cached_tokens: cached },
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: cached,
      },
    },
    total_calls_in_response: 1,
  };
  if (step.observation) meterInput(session, step.observation.content);
  return {
    action: { tool_call_metadata: toolCallMetadata, llm_metrics: llmMetrics(session) },
    observation: {
      tool_call_metadata: toolCallMetadata,
      ...commandSuccess(step),
    },
  };
}

/**
 * `success` of command observations (`CmdOutputObservation`: exit code 0;
 * `IPythonRunCellObservation`: always), which `event_to_dict` puts at the top level.
 */
function commandSuccess(step: ScriptedStep): { success?: boolean } {
  const kind = step.observation?.observation;
  if (kind === 'run_ipython') return { success: true };
  if (kind === 'run') return { success: step.observation?.extras.exit_code === 0 };
  return {};
}

/** An event of the environment, before it gets its id. */
export type EnvelopeEvent =
  | {
      kind: 'action';
      source: 'environment';
      action: string;
      args: Record<string, unknown>;
      message: string;
    }
  | {
      kind: 'observation';
      source: 'environment';
      observation: string;
      content: string;
      extras: Record<string, unknown>;
      message: string;
      /** Answers the user's message (the recall OpenHands runs on it found nothing). */
      causedByPrompt?: boolean;
    };

/** `agent_state_changed`, as the controller posts it on every state change. */
export function agentStateChanged(state: string): EnvelopeEvent {
  return {
    kind: 'observation',
    source: 'environment',
    observation: 'agent_state_changed',
    content: '',
    extras: { agent_state: state, reason: '' },
    message: `Agent state changed to ${state}`,
  };
}

/** What a real stream shows before the agent starts on a session's first prompt. */
export function sessionOpening(): EnvelopeEvent[] {
  return [
    agentStateChanged('loading'),
    {
      kind: 'action',
      source: 'environment',
      action: 'change_agent_state',
      args: { agent_state: 'init', thought: '' },
      message: 'Agent state changed to init',
    },
    agentStateChanged('init'),
  ];
}

/** OpenHands' `NullObservation`: its `message` is always "No observation". */
export function nullObservation(): EnvelopeEvent {
  return {
    kind: 'observation',
    source: 'environment',
    observation: 'null',
    content: '',
    extras: {},
    message: 'No observation',
    causedByPrompt: true,
  };
}
