import type {
  RobocodersBlockPart,
  RobocodersFinishReason,
  RobocodersPart,
} from '../core/robocoders-part';
import type { RobocodersUsage } from '../core/usage-accumulator';
import {
  providerMetadataOf,
  type RobocodersProviderMetadata,
} from './robocoders-provider-metadata';

/** A JSON value, structurally compatible with the `JSONValue` of every AI SDK spec version. */
export type RobocodersJsonValue =
  | null
  | string
  | number
  | boolean
  | RobocodersJsonValue[]
  | { [key: string]: RobocodersJsonValue | undefined };

/** The `result` of a tool part: the observation that answered the agent's action. */
export interface RobocodersToolResult {
  [key: string]: RobocodersJsonValue;
  /** The observation type, e.g. `run`, `run_ipython`, `edit`, `error`. */
  observation: string;
  /** The observation's main text (command output, file text, diff...). */
  content: string;
  /** The observation's other fields (exit code, path...). */
  extras: { [key: string]: RobocodersJsonValue };
}

/**
 * The part-level `providerMetadata` of every text, reasoning and tool part: the session the
 * part was made in. A UI keeps it with the part (`providerMetadata`, `callProviderMetadata`)
 * and `convertToModelMessages` hands it back in the next call's prompt, which resumes that
 * session (see session-from-history.ts).
 */
export type RobocodersPartMetadata = { robocoders: { sessionId: string; agent: string } };

type WithMetadata<P> = P & { providerMetadata?: RobocodersPartMetadata };

/**
 * The stream parts shared by the V2 and V3 specs (and with the same meaning in both), produced
 * once from the core's parts. Each adapter only adds its spec's fields (`providerExecuted`,
 * `dynamic`) and shapes (finish reason, usage, warnings).
 */
export type RobocodersStreamPart =
  | { type: 'response-metadata'; id: string; timestamp: Date; modelId: string }
  | WithMetadata<RobocodersBlockPart>
  | { type: 'tool-input-start'; id: string; toolName: string }
  | { type: 'tool-input-delta'; id: string; delta: string }
  | { type: 'tool-input-end'; id: string }
  | WithMetadata<{ type: 'tool-call'; toolCallId: string; toolName: string; input: string }>
  | WithMetadata<{
      type: 'tool-result';
      toolCallId: string;
      toolName: string;
      result: RobocodersToolResult;
      isError: boolean;
    }>
  | { type: 'raw'; rawValue: unknown }
  | { type: 'error'; error: unknown }
  | {
      type: 'finish';
      finishReason: RobocodersFinishReason;
      /** The core's token counts; each adapter shapes them as its spec's usage. */
      usage: RobocodersUsage | undefined;
      providerMetadata: { robocoders: RobocodersProviderMetadata };
    };

/** The input of an action's tool call: its `args` without the `thought` (shown as reasoning). */
export function toolInputOf(args: Record<string, unknown>): string {
  const { thought: _thought, ...input } = args;
  return JSON.stringify(input);
}

/**
 * Maps the core's parts to {@link RobocodersStreamPart}s, one part at a time: text and
 * reasoning blocks pass as they are (the core owns them), each action for which `toolActions`
 * holds becomes `tool-input-start/-delta/-end` + `tool-call`, and the observation answering it
 * (`cause`) becomes its `tool-result`. Other actions and observations add no tool parts: their
 * text is in the text (pass the same `toolActions` to the core).
 *
 * Tool call ids are `<session id>-<event id>`, unique across the sessions of a conversation.
 */
export class StreamPartMapper {
  private sessionId = '';
  private metadata: RobocodersPartMetadata | undefined;
  // Tool calls of this call still waiting for their result: call id -> tool name.
  private readonly pending = new Map<string, string>();

  constructor(private readonly toolActions: (action: string) => boolean) {}

  map(part: RobocodersPart): RobocodersStreamPart[] {
    switch (part.type) {
      case 'response-metadata':
        this.sessionId = part.sessionId;
        this.metadata = { robocoders: { sessionId: part.sessionId, agent: part.agent } };
        return [
          {
            type: 'response-metadata',
            id: part.sessionId,
            timestamp: part.timestamp,
            modelId: part.agent,
          },
        ];
      case 'action': {
        if (!this.toolActions(part.action)) return [];
        const id = `${this.sessionId}-${part.id}`;
        const input = toolInputOf(part.args);
        this.pending.set(id, part.action);
        return [
          { type: 'tool-input-start', id, toolName: part.action },
          { type: 'tool-input-delta', id, delta: input },
          { type: 'tool-input-end', id },
          this.withMetadata({ type: 'tool-call', toolCallId: id, toolName: part.action, input }),
        ];
      }
      case 'observation': {
        if (part.causeId === undefined) return [];
        const id = `${this.sessionId}-${part.causeId}`;
        const toolName = this.pending.get(id);
        if (toolName === undefined) return [];
        this.pending.delete(id);
        const result: RobocodersToolResult = {
          observation: part.observation,
          content: part.content,
          // Parsed from the event's JSON, so JSON values only.
          extras: part.extras as RobocodersToolResult['extras'],
        };
        return [
          this.withMetadata({
            type: 'tool-result',
            toolCallId: id,
            toolName,
            result,
            isError: part.isError,
          }),
        ];
      }
      case 'text-start':
      case 'text-end':
      case 'reasoning-start':
      case 'reasoning-end':
        return [this.withMetadata(part)];
      case 'raw':
        return [{ type: 'raw', rawValue: part.event }];
      case 'finish':
        return [
          {
            type: 'finish',
            finishReason: part.finishReason,
            usage: part.usage,
            providerMetadata: providerMetadataOf(part),
          },
        ];
      default:
        return [part];
    }
  }

  private withMetadata<P extends object>(part: P): WithMetadata<P> {
    return this.metadata === undefined ? part : { ...part, providerMetadata: this.metadata };
  }
}

/**
 * The one stage from the core's parts to a spec's: `first` (the spec's `stream-start`), then
 * each part through {@link StreamPartMapper} and the spec adapter's `toPart`.
 */
export function mapStreamParts<P>(
  toolActions: (action: string) => boolean,
  toPart: (part: RobocodersStreamPart) => P,
  first: P,
): TransformStream<RobocodersPart, P> {
  const mapper = new StreamPartMapper(toolActions);
  return new TransformStream<RobocodersPart, P>({
    start(controller) {
      controller.enqueue(first);
    },
    transform(part, controller) {
      for (const mapped of mapper.map(part)) controller.enqueue(toPart(mapped));
    },
  });
}
