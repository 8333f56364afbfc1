import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { isToolAction } from '../core/agent-actions';
import type { RobocodersMetadata, RobocodersPart } from '../core/robocoders-part';
import {
  mapStreamParts,
  type RobocodersStreamPart,
  StreamPartMapper,
  toolInputOf,
} from './robocoders-stream-parts';

const metadata: RobocodersMetadata = {
  sessionId: 'sid-1',
  agent: 'RepoAgent',
  continuations: 0,
  awaitingInput: true,
  skippedLines: 0,
  lastEventId: 9,
};

function map(parts: RobocodersPart[], toolActions: (action: string) => boolean = isToolAction) {
  const mapper = new StreamPartMapper(toolActions);
  return parts.flatMap((part) => mapper.map(part));
}

const start: RobocodersPart = {
  type: 'response-metadata',
  sessionId: 'sid-1',
  agent: 'RepoAgent',
  timestamp: new Date(0),
};
const finish: RobocodersPart = {
  type: 'finish',
  finishReason: 'stop',
  rawFinishReason: 'awaiting_user_input',
  metadata,
};

// Every text, reasoning and tool part names its session, for the next call to resume.
const partMetadata = { robocoders: { sessionId: 'sid-1', agent: 'RepoAgent' } };

describe('toolInputOf', () => {
  it('is the JSON of the args without the thought', () => {
    expect(JSON.parse(toolInputOf({ command: 'ls', thought: 'look', blocking: false }))).toEqual({
      command: 'ls',
      blocking: false,
    });
    expect(toolInputOf({})).toBe('{}');
  });
});

describe('StreamPartMapper', () => {
  it("passes the core's blocks and turns an action and its observation into a tool call and its result", () => {
    const parts = map([
      start,
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'Plan' },
      { type: 'text-delta', id: 'text-0', delta: ' ready.' },
      { type: 'text-end', id: 'text-0' },
      { type: 'reasoning-start', id: 'reasoning-1' },
      { type: 'reasoning-delta', id: 'reasoning-1', delta: 'Check the files.' },
      { type: 'reasoning-end', id: 'reasoning-1' },
      { type: 'action', id: '4', action: 'run', args: { command: 'ls', thought: 'Check.' } },
      {
        type: 'observation',
        id: '5',
        causeId: '4',
        observation: 'run',
        content: 'a.py',
        extras: { exit_code: 0 },
        isError: false,
      },
      { type: 'text-start', id: 'text-2' },
      { type: 'text-delta', id: 'text-2', delta: 'Done.' },
      { type: 'text-end', id: 'text-2' },
      finish,
    ]);
    expect(parts).toEqual([
      { type: 'response-metadata', id: 'sid-1', timestamp: new Date(0), modelId: 'RepoAgent' },
      { type: 'text-start', id: 'text-0', providerMetadata: partMetadata },
      { type: 'text-delta', id: 'text-0', delta: 'Plan' },
      { type: 'text-delta', id: 'text-0', delta: ' ready.' },
      { type: 'text-end', id: 'text-0', providerMetadata: partMetadata },
      { type: 'reasoning-start', id: 'reasoning-1', providerMetadata: partMetadata },
      { type: 'reasoning-delta', id: 'reasoning-1', delta: 'Check the files.' },
      { type: 'reasoning-end', id: 'reasoning-1', providerMetadata: partMetadata },
      { type: 'tool-input-start', id: 'sid-1-4', toolName: 'run' },
      { type: 'tool-input-delta', id: 'sid-1-4', delta: '{"command":"ls"}' },
      { type: 'tool-input-end', id: 'sid-1-4' },
      {
        type: 'tool-call',
        toolCallId: 'sid-1-4',
        toolName: 'run',
        input: '{"command":"ls"}',
        providerMetadata: partMetadata,
      },
      {
        type: 'tool-result',
        toolCallId: 'sid-1-4',
        toolName: 'run',
        result: { observation: 'run', content: 'a.py', extras: { exit_code: 0 } },
        isError: false,
        providerMetadata: partMetadata,
      },
      { type: 'text-start', id: 'text-2', providerMetadata: partMetadata },
      { type: 'text-delta', id: 'text-2', delta: 'Done.' },
      { type: 'text-end', id: 'text-2', providerMetadata: partMetadata },
      {
        type: 'finish',
        finishReason: 'stop',
        usage: undefined,
        providerMetadata: {
          robocoders: { ...metadata, rawFinishReason: 'awaiting_user_input' },
        },
      },
    ] satisfies RobocodersStreamPart[]);
  });

  it('gives no tool parts to observations of unknown actions, nor to non-tool actions', () => {
    const parts = map([
      start,
      { type: 'action', id: '2', action: 'finish', args: { outputs: {} } },
      {
        type: 'observation',
        id: '3',
        causeId: '1',
        observation: 'run',
        content: 'from an earlier call',
        extras: {},
        isError: false,
      },
      {
        type: 'observation',
        id: '4',
        observation: 'error',
        content: 'Agent reached maximum iteration',
        extras: {},
        isError: true,
      },
      finish,
    ]);
    expect(parts.map((part) => part.type)).toEqual(['response-metadata', 'finish']);
  });

  it('shows only the actions the predicate selects as tools', () => {
    const parts = map(
      [
        start,
        { type: 'action', id: '2', action: 'run', args: {} },
        { type: 'action', id: '3', action: 'edit', args: { path: 'a.py' } },
        finish,
      ],
      (action) => action === 'edit',
    );
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'sid-1-3',
        toolName: 'edit',
        input: '{"path":"a.py"}',
        providerMetadata: partMetadata,
      },
    ]);
  });

  it('answers a tool call once, marks failed observations, passes raw events and errors', () => {
    const error = new Error('cut');
    const parts = map([
      start,
      { type: 'action', id: '2', action: 'run', args: { command: 'false' } },
      ...[3, 4].map(
        (id): RobocodersPart => ({
          type: 'observation',
          id: String(id),
          causeId: '2',
          observation: 'run',
          content: '',
          extras: { exit_code: 1 },
          isError: true,
        }),
      ),
      { type: 'raw', event: { id: 5 } },
      { type: 'error', error },
      { ...finish, finishReason: 'error', rawFinishReason: 'stream_error' } as RobocodersPart,
    ]);
    expect(parts.filter((part) => part.type === 'tool-result')).toEqual([
      expect.objectContaining({ toolCallId: 'sid-1-2', isError: true }),
    ]);
    expect(parts.slice(-3).map((part) => part.type)).toEqual(['raw', 'error', 'finish']);
    expect(parts).toContainEqual({ type: 'raw', rawValue: { id: 5 } });
    expect(parts).toContainEqual({ type: 'error', error });
  });
});

describe('mapStreamParts', () => {
  it("is one stage: the spec's first part, then each mapped part through toPart", async () => {
    const stream = new ReadableStream<RobocodersPart>({
      start(controller) {
        controller.enqueue(start);
        controller.enqueue({ type: 'action', id: '2', action: 'run', args: {} });
        controller.enqueue(finish);
        controller.close();
      },
    });
    const parts = await convertReadableStreamToArray(
      stream.pipeThrough(
        mapStreamParts(isToolAction, (part: RobocodersStreamPart) => part.type, 'stream-start'),
      ),
    );
    expect(parts).toEqual([
      'stream-start',
      'response-metadata',
      'tool-input-start',
      'tool-input-delta',
      'tool-input-end',
      'tool-call',
      'finish',
    ]);
  });
});
