import type { RobocodersFinishReason, RobocodersPart } from '../core/robocoders-part';
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
 * The stream parts shared by the V2 and V3 specs (and with the same meaning in both), produced
 * once from the core's parts. Each adapter only adds its spec's fields (`providerExecuted`,
 * `dynamic`) and shapes (finish reason, usage, warnings).
 */
export type RobocodersStreamPart =
  | { type: 'response-metadata'; id: string; timestamp: Date; modelId: string }
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  | { type: 'reasoning-start'; id: string }
  | { type: 'reasoning-delta'; id: string; delta: string }
  | { type: 'reasoning-end'; id: string }
  | { type: 'tool-input-start'; id: string; toolName: string }
  | { type: 'tool-input-delta'; id: string; delta: string }
  | { type: 'tool-input-end'; id: string }
  | { type: 'tool-call'; toolCallId: string; toolName: string; input: string }
  | {
      type: 'tool-result';
      toolCallId: string;
      toolName: string;
      result: RobocodersToolResult;
      isError: boolean;
    }
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
 * Maps the core's parts to {@link RobocodersStreamPart}s: text and reasoning become blocks with
 * ids (a block ends when another kind of part starts; a reasoning block does not start with
 * the blank line the core puts between reasoning deltas), each action for which `toolActions`
 * holds becomes `tool-input-start/-delta/-end` + `tool-call`, and the observation answering it
 * (`cause`) becomes its `tool-result`. Other actions and observations add no tool parts: their
 * text is in the text (pass the same `toolActions` to the core).
 *
 * Tool call ids are `<session id>-<event id>`, unique across the sessions of a conversation.
 */
export function createStreamPartMapper(
  toolActions: (action: string) => boolean,
): TransformStream<RobocodersPart, RobocodersStreamPart> {
  let sessionId = '';
  let blockCount = 0;
  let open: { type: 'text' | 'reasoning'; id: string } | undefined;
  // Tool calls of this call still waiting for their result: call id -> tool name.
  const pending = new Map<string, string>();

  const closeBlock = (controller: TransformStreamDefaultController<RobocodersStreamPart>) => {
    if (open === undefined) return;
    controller.enqueue({ type: open.type === 'text' ? 'text-end' : 'reasoning-end', id: open.id });
    open = undefined;
  };

  let reasoningBlocks = 0;

  const delta = (
    controller: TransformStreamDefaultController<RobocodersStreamPart>,
    type: 'text' | 'reasoning',
    separated: string,
  ) => {
    let text = separated;
    if (open?.type !== type) {
      // The core puts a blank line between the reasoning deltas of a call, which V1 joins into
      // one text. Here each block is a reasoning item of its own: one must not start with it.
      if (type === 'reasoning' && reasoningBlocks++ > 0 && text.startsWith('\n\n')) {
        text = text.slice(2);
        if (text === '') return;
      }
      closeBlock(controller);
      open = { type, id: `${type}-${blockCount++}` };
      controller.enqueue(
        type === 'text'
          ? { type: 'text-start', id: open.id }
          : { type: 'reasoning-start', id: open.id },
      );
    }
    controller.enqueue(
      type === 'text'
        ? { type: 'text-delta', id: open.id, delta: text }
        : { type: 'reasoning-delta', id: open.id, delta: text },
    );
  };

  return new TransformStream<RobocodersPart, RobocodersStreamPart>({
    transform(part, controller) {
      switch (part.type) {
        case 'response-metadata':
          sessionId = part.sessionId;
          controller.enqueue({
            type: 'response-metadata',
            id: part.sessionId,
            timestamp: part.timestamp,
            modelId: part.agent,
          });
          break;
        case 'text-delta':
          delta(controller, 'text', part.delta);
          break;
        case 'reasoning-delta':
          delta(controller, 'reasoning', part.delta);
          break;
        case 'action': {
          if (!toolActions(part.action)) break;
          closeBlock(controller);
          const id = `${sessionId}-${part.id}`;
          const input = toolInputOf(part.args);
          pending.set(id, part.action);
          controller.enqueue({ type: 'tool-input-start', id, toolName: part.action });
          controller.enqueue({ type: 'tool-input-delta', id, delta: input });
          controller.enqueue({ type: 'tool-input-end', id });
          controller.enqueue({ type: 'tool-call', toolCallId: id, toolName: part.action, input });
          break;
        }
        case 'observation': {
          if (part.causeId === undefined) break;
          const id = `${sessionId}-${part.causeId}`;
          const toolName = pending.get(id);
          if (toolName === undefined) break;
          pending.delete(id);
          closeBlock(controller);
          controller.enqueue({
            type: 'tool-result',
            toolCallId: id,
            toolName,
            result: {
              observation: part.observation,
              content: part.content,
              // Parsed from the event's JSON, so JSON values only.
              extras: part.extras as RobocodersToolResult['extras'],
            },
            isError: part.isError,
          });
          break;
        }
        case 'raw':
          controller.enqueue({ type: 'raw', rawValue: part.event });
          break;
        case 'error':
          closeBlock(controller);
          controller.enqueue({ type: 'error', error: part.error });
          break;
        case 'finish':
          closeBlock(controller);
          controller.enqueue({
            type: 'finish',
            finishReason: part.finishReason,
            usage: part.usage,
            providerMetadata: providerMetadataOf(part),
          });
          break;
      }
    },
  });
}
