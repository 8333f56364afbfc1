import * as ai5 from 'ai5';
import * as ai6 from 'ai6';
import * as ai7 from 'ai7';
import type { RobocodersProviderSettings } from 'robocoders-ai-provider';
import * as v2 from 'robocoders-ai-provider/v2';
import * as v3 from 'robocoders-ai-provider/v3';
import * as v4 from 'robocoders-ai-provider/v4';
import { type AiMajor, runsMajor } from './selected-majors';

/** A part of the full stream, with the fields these tests read (the same in ai 5, 6 and 7). */
export interface StreamPart {
  type: string;
  text?: string;
  toolCallId?: string;
  toolName?: string;
  input?: unknown;
  output?: unknown;
  providerExecuted?: boolean;
  dynamic?: boolean;
  invalid?: boolean;
  error?: unknown;
  finishReason?: unknown;
  providerMetadata?: Record<string, Record<string, unknown>>;
}

/**
 * What these tests read of a `generateText` result, read through each major's current API
 * (ai 7: the final step's `reasoningText`, `response` and `providerMetadata`).
 */
export interface GenerateResult {
  text: string;
  reasoningText?: string;
  content: StreamPart[];
  finishReason: string;
  usage: {
    inputTokens?: number;
    outputTokens?: number;
    totalTokens?: number;
    /** ai 5. */
    cachedInputTokens?: number;
    /** ai 6 and 7. */
    inputTokenDetails?: { cacheReadTokens?: number };
  };
  providerMetadata?: Record<string, Record<string, unknown>>;
  response: { id: string; modelId: string };
  /** The messages the call added to the conversation. */
  responseMessages: unknown[];
  warnings?: unknown[];
}

/**
 * What these tests read of a `streamText` result: ai 5/6's `fullStream` or ai 7's `stream`,
 * and ai 7's final step's `providerMetadata`.
 */
export interface StreamResult {
  stream: AsyncIterable<StreamPart>;
  text: PromiseLike<string>;
  finishReason: PromiseLike<string>;
  providerMetadata: PromiseLike<Record<string, Record<string, unknown>> | undefined>;
}

/** The options of `streamText`/`generateText` these tests use. */
export interface CallOptions {
  model: unknown;
  prompt?: string;
  messages?: unknown[];
  tools?: Record<string, unknown>;
  providerOptions?: Record<string, Record<string, unknown>>;
  abortSignal?: AbortSignal;
  maxRetries?: number;
  temperature?: number;
  onError?: (event: { error: unknown }) => void;
}

/** A UI message as a chat app stores it: plain JSON. */
export interface StoredUIMessage {
  id: string;
  role: 'system' | 'user' | 'assistant';
  parts: Array<Record<string, unknown> & { type: string }>;
}

/** One chat turn's options, as a chat app's route has them. */
export interface ChatTurnOptions {
  model: unknown;
  /** The chat so far, ending with the user's new message. */
  messages: StoredUIMessage[];
  providerOptions?: Record<string, Record<string, unknown>>;
}

/** One `ai` major with the provider entry made for it. */
export interface Major {
  name: string;
  major: AiMajor;
  /** `/v2`, `/v3` or `/v4`. */
  entry: string;
  streamText(options: CallOptions): StreamResult;
  generateText(options: CallOptions): Promise<GenerateResult>;
  isAPICallError(error: unknown): boolean;
  createModel(settings: RobocodersProviderSettings & { agent?: string }): unknown;
  /**
   * One turn the way an AI SDK chat app runs it, knowing nothing of Robocoders: the stored UI
   * messages through `convertToModelMessages`, `streamText`, the UI message stream read back
   * with `readUIMessageStream`, and the assistant message as the app stores it (JSON).
   */
  chatTurn(options: ChatTurnOptions): Promise<StoredUIMessage>;
  /**
   * The tools a call declares so the agent's steps are shown as tool calls: ai 5 throws on
   * provider-executed calls of tools outside the call's tool set (see the provider README).
   */
  agentTools?: Record<string, unknown>;
}

const AGENT_TOOL_NAMES = ['run', 'run_ipython', 'read', 'write', 'edit', 'delegate', 'browse'];

/** ai 5: the agent's tools declared as tools without `execute` (the agent runs them). */
const ai5AgentTools = Object.fromEntries(
  AGENT_TOOL_NAMES.map((name) => [
    name,
    ai5.tool({
      description: `Run by the Robocoders agent (${name}).`,
      inputSchema: ai5.jsonSchema<Record<string, unknown>>({ type: 'object' }),
    }),
  ]),
);

let storedIds = 0;

/** The last state of a streamed UI message, stored as an app stores it. */
async function storedMessage(messages: AsyncIterable<unknown>): Promise<StoredUIMessage> {
  let last: unknown;
  for await (const message of messages) last = message;
  if (last === undefined) throw new Error('the UI message stream held no message');
  const stored = JSON.parse(JSON.stringify(last)) as StoredUIMessage;
  stored.id ||= `assistant-${++storedIds}`;
  return stored;
}

// Each ai major's functions take its own model and tool types; the tests pass the matching
// entry's models, so the loosely typed view above is safe.
const loose = <T>(value: unknown) => value as T;

/** ai 5 and 6: the results as they are (their API has no replacements for these fields). */
function olderMajor(ai: {
  streamText: unknown;
  generateText: unknown;
  convertToModelMessages: unknown;
  readUIMessageStream: unknown;
}): Pick<Major, 'streamText' | 'generateText' | 'chatTurn'> {
  const convert = loose<(messages: unknown[]) => unknown>(ai.convertToModelMessages);
  const read = loose<(options: { stream: unknown }) => AsyncIterable<unknown>>(
    ai.readUIMessageStream,
  );
  const streamText = loose<(options: CallOptions) => ReturnType<typeof ai6.streamText>>(
    ai.streamText,
  );
  const generateText = loose<(options: CallOptions) => ReturnType<typeof ai6.generateText>>(
    ai.generateText,
  );
  const chatTurn: Major['chatTurn'] = async ({ model, messages, providerOptions }) => {
    const result = loose<{ toUIMessageStream(options: object): unknown }>(
      streamText({ model, messages: loose(await convert(messages)), providerOptions }),
    );
    return storedMessage(read({ stream: result.toUIMessageStream({ sendReasoning: true }) }));
  };
  return {
    chatTurn,
    streamText(options) {
      const result = streamText(options);
      return {
        stream: loose(result.fullStream),
        get text() {
          return result.text;
        },
        get finishReason() {
          return result.finishReason;
        },
        get providerMetadata() {
          return loose<StreamResult['providerMetadata']>(result.providerMetadata);
        },
      };
    },
    async generateText(options) {
      const result = await generateText(options);
      return loose({
        text: result.text,
        reasoningText: result.reasoningText,
        content: result.content,
        finishReason: result.finishReason,
        usage: result.usage,
        providerMetadata: result.providerMetadata,
        response: result.response,
        responseMessages: result.response.messages,
        warnings: result.warnings,
      });
    },
  };
}

/** ai 7 read through its current API only: `stream`, `finalStep`, `responseMessages`. */
const ai7Calls: Pick<Major, 'streamText' | 'generateText' | 'chatTurn'> = {
  async chatTurn({ model, messages, providerOptions }) {
    const result = ai7.streamText(
      loose<Parameters<typeof ai7.streamText>[0]>({
        model,
        messages: await ai7.convertToModelMessages(loose<ai7.UIMessage[]>(messages)),
        providerOptions,
      }),
    );
    const stream = ai7.toUIMessageStream({ stream: result.stream, sendReasoning: true });
    return storedMessage(ai7.readUIMessageStream({ stream }));
  },
  streamText(options) {
    const result = ai7.streamText(loose<Parameters<typeof ai7.streamText>[0]>(options));
    // Getters: ai's result promises reject when the call is aborted, so each is only asked for
    // (and awaited) by the tests that read it.
    return {
      stream: loose(result.stream),
      get text() {
        return result.text;
      },
      get finishReason() {
        return result.finishReason;
      },
      get providerMetadata() {
        return Promise.resolve(result.finalStep).then((step) =>
          loose<Record<string, Record<string, unknown>> | undefined>(step.providerMetadata),
        );
      },
    };
  },
  async generateText(options) {
    const result = await ai7.generateText(loose<Parameters<typeof ai7.generateText>[0]>(options));
    const { finalStep } = result;
    return loose({
      text: result.text,
      reasoningText: finalStep.reasoningText,
      content: result.content,
      finishReason: result.finishReason,
      usage: result.usage,
      providerMetadata: finalStep.providerMetadata,
      response: finalStep.response,
      responseMessages: result.responseMessages,
      warnings: result.warnings,
    });
  },
};

const ALL_MAJORS: Major[] = [
  {
    name: 'ai 5',
    major: 5,
    entry: '/v2',
    ...olderMajor(ai5),
    isAPICallError: (error) => ai5.APICallError.isInstance(error),
    createModel: ({ agent = 'GeneralCodingAgent', ...settings }) =>
      v2.createRobocoders(settings)(agent),
    agentTools: ai5AgentTools,
  },
  {
    name: 'ai 6',
    major: 6,
    entry: '/v3',
    ...olderMajor(ai6),
    isAPICallError: (error) => ai6.APICallError.isInstance(error),
    createModel: ({ agent = 'GeneralCodingAgent', ...settings }) =>
      v3.createRobocoders(settings)(agent),
  },
  {
    name: 'ai 7',
    major: 7,
    entry: '/v4',
    ...ai7Calls,
    isAPICallError: (error) => ai7.APICallError.isInstance(error),
    createModel: ({ agent = 'GeneralCodingAgent', ...settings }) =>
      v4.createRobocoders(settings)(agent),
  },
];

/** The majors this run covers (`AI_MAJORS`; ai 7 only on Node 22, see selected-majors.ts). */
export const MAJORS: Major[] = ALL_MAJORS.filter((major) => runsMajor(major.major));

// Compile-time checks that each entry's models and providers are what that major's functions
// take (the loosely typed view above cannot catch a spec mismatch).
type ModelOf<Call> = Call extends (options: infer Options) => unknown
  ? Options extends { model: infer Model }
    ? Model
    : never
  : never;
v2.robocoders('GeneralCodingAgent') satisfies ModelOf<typeof ai5.generateText>;
v3.robocoders('GeneralCodingAgent') satisfies ModelOf<typeof ai6.generateText>;
v4.robocoders('GeneralCodingAgent') satisfies ModelOf<typeof ai7.generateText>;
// `/v3` keeps working under ai 7 (through ai's V3-to-V4 proxy) for those who stay on it.
v3.robocoders('GeneralCodingAgent') satisfies ModelOf<typeof ai7.generateText>;
v2.robocoders('GeneralCodingAgent') satisfies ModelOf<typeof ai6.generateText>;
v2.robocoders satisfies Parameters<typeof ai5.customProvider>[0]['fallbackProvider'];
v3.robocoders satisfies Parameters<typeof ai6.customProvider>[0]['fallbackProvider'];
v4.robocoders satisfies Parameters<typeof ai7.customProvider>[0]['fallbackProvider'];
v3.robocoders satisfies Parameters<typeof ai7.customProvider>[0]['fallbackProvider'];
