import {
  DEFAULT_FINISH_REASON,
  type RobocodersFinishReason,
  type RobocodersPart,
} from '../core/robocoders-part';
import type { RobocodersUsage } from '../core/usage-accumulator';
import { readParts } from './read-parts';
import type { RobocodersProviderMetadata } from './robocoders-provider-metadata';
import {
  type RobocodersPartMetadata,
  type RobocodersStreamPart,
  StreamPartMapper,
} from './robocoders-stream-parts';

/** One item of a generate result's ordered `content`, before the spec adds its fields. */
export type RobocodersContent =
  | { type: 'text' | 'reasoning'; text: string; providerMetadata?: RobocodersPartMetadata }
  | Extract<RobocodersStreamPart, { type: 'tool-call' | 'tool-result' }>;

/** A call's stream read to the end. */
export interface RobocodersCollectedCall {
  content: RobocodersContent[];
  finishReason: RobocodersFinishReason;
  usage: RobocodersUsage | undefined;
  providerMetadata: { robocoders: RobocodersProviderMetadata } | undefined;
  response: { id: string; timestamp: Date; modelId: string } | undefined;
}

/**
 * Reads a call's stream into ordered content: one text or reasoning item per block, tool
 * calls and results where they happened. A stream that carries an error throws it, so a
 * broken answer is never returned as a success.
 */
export async function collectRobocodersCall(
  stream: ReadableStream<RobocodersPart>,
  toolActions: (action: string) => boolean,
): Promise<RobocodersCollectedCall> {
  const mapper = new StreamPartMapper(toolActions);
  const content: RobocodersContent[] = [];
  const collected: RobocodersCollectedCall = {
    content,
    finishReason: DEFAULT_FINISH_REASON,
    usage: undefined,
    providerMetadata: undefined,
    response: undefined,
  };
  let block: Extract<RobocodersContent, { type: 'text' | 'reasoning' }> | undefined;
  await readParts(stream, (part) => {
    for (const value of mapper.map(part)) collect(value);
  });
  return collected;

  function collect(value: RobocodersStreamPart) {
    switch (value.type) {
      case 'text-start':
      case 'reasoning-start':
        block = {
          type: value.type === 'text-start' ? 'text' : 'reasoning',
          text: '',
          ...(value.providerMetadata && { providerMetadata: value.providerMetadata }),
        };
        content.push(block);
        break;
      case 'text-delta':
      case 'reasoning-delta':
        if (block !== undefined) block.text += value.delta;
        break;
      case 'tool-call':
      case 'tool-result':
        content.push(value);
        break;
      case 'response-metadata':
        collected.response = { id: value.id, timestamp: value.timestamp, modelId: value.modelId };
        break;
      case 'finish':
        collected.finishReason = value.finishReason;
        collected.usage = value.usage;
        collected.providerMetadata = value.providerMetadata;
        break;
    }
  }
}
