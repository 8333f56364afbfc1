import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { isToolAction } from '../core/agent-actions';
import type { RobocodersMetadata, RobocodersPart } from '../core/robocoders-part';
import {
  createStreamPartMapper,
  type RobocodersStreamPart,
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
  const stream = new ReadableStream<RobocodersPart>({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  return convertReadableStreamToArray(stream.pipeThrough(createStreamPartMapper(toolActions)));
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

describe('toolInputOf', () => {
  it('is the JSON of the args without the thought', () => {
    expect(JSON.parse(toolInputOf({ command: 'ls', thought: 'look', blocking: false }))).toEqual({
      command: 'ls',
      blocking: false,
    });
    expect(toolInputOf({})).toBe('{}');
  });
});

describe('createStreamPartMapper', () => {
  it('turns an action and its observation into a tool call and its result, between blocks', async () => {
    const parts = await map([
      start,
      { type: 'text-delta', delta: 'Plan' },
      { type: 'text-delta', delta: ' ready.' },
      { type: 'reasoning-delta', delta: 'Check the files.' },
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
      { type: 'text-delta', delta: 'Done.' },
      finish,
    ]);
    expect(parts).toEqual([
      { type: 'response-metadata', id: 'sid-1', timestamp: new Date(0), modelId: 'RepoAgent' },
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'Plan' },
      { type: 'text-delta', id: 'text-0', delta: ' ready.' },
      { type: 'text-end', id: 'text-0' },
      { type: 'reasoning-start', id: 'reasoning-1' },
      { type: 'reasoning-delta', id: 'reasoning-1', delta: 'Check the files.' },
      { type: 'reasoning-end', id: 'reasoning-1' },
      { type: 'tool-input-start', id: 'sid-1-4', toolName: 'run' },
      { type: 'tool-input-delta', id: 'sid-1-4', delta: '{"command":"ls"}' },
      { type: 'tool-input-end', id: 'sid-1-4' },
      { type: 'tool-call', toolCallId: 'sid-1-4', toolName: 'run', input: '{"command":"ls"}' },
      {
        type: 'tool-result',
        toolCallId: 'sid-1-4',
        toolName: 'run',
        result: { observation: 'run', content: 'a.py', extras: { exit_code: 0 } },
        isError: false,
      },
      { type: 'text-start', id: 'text-2' },
      { type: 'text-delta', id: 'text-2', delta: 'Done.' },
      { type: 'text-end', id: 'text-2' },
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

  it('starts no reasoning block with the blank line the core puts between reasoning deltas', async () => {
    const parts = await map([
      start,
      { type: 'reasoning-delta', delta: 'Look around.' },
      { type: 'reasoning-delta', delta: '\n\n```sh\nls\n```' },
      { type: 'action', id: '4', action: 'run', args: { command: 'ls' } },
      { type: 'reasoning-delta', delta: '\n\nWrite the file.' },
      { type: 'text-delta', delta: 'Plan:\n\n' },
      { type: 'reasoning-delta', delta: '\n\n\n\nA thought with blank lines first.' },
      { type: 'reasoning-delta', delta: '\n\nCheck it.' },
      { type: 'text-delta', delta: '\n\nDone.' },
      finish,
    ]);
    const blocks = new Map<string, string>();
    for (const part of parts) {
      if (part.type === 'reasoning-delta' || part.type === 'text-delta') {
        blocks.set(part.id, (blocks.get(part.id) ?? '') + part.delta);
      }
    }
    expect([...blocks]).toEqual([
      // Within a block the separator stays.
      ['reasoning-0', 'Look around.\n\n```sh\nls\n```'],
      ['reasoning-1', 'Write the file.'],
      ['text-2', 'Plan:\n\n'],
      // Only the separator goes: the rest of the delta is the agent's.
      ['reasoning-3', '\n\nA thought with blank lines first.\n\nCheck it.'],
      // Text blocks are left as they are: ai joins them into one text without a separator.
      ['text-4', '\n\nDone.'],
    ]);
  });

  it('gives no tool parts to observations of unknown actions, nor to non-tool actions', async () => {
    const parts = await map([
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

  it('shows only the actions the predicate selects as tools', async () => {
    const parts = await map(
      [
        start,
        { type: 'action', id: '2', action: 'run', args: {} },
        { type: 'action', id: '3', action: 'edit', args: { path: 'a.py' } },
        finish,
      ],
      (action) => action === 'edit',
    );
    expect(parts.filter((part) => part.type === 'tool-call')).toEqual([
      { type: 'tool-call', toolCallId: 'sid-1-3', toolName: 'edit', input: '{"path":"a.py"}' },
    ]);
  });

  it('answers a tool call once, marks failed observations, closes blocks before errors', async () => {
    const error = new Error('cut');
    const parts = await map([
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
      { type: 'reasoning-delta', delta: 'Hmm' },
      { type: 'error', error },
      { ...finish, finishReason: 'error', rawFinishReason: 'stream_error' } as RobocodersPart,
    ]);
    expect(parts.filter((part) => part.type === 'tool-result')).toEqual([
      expect.objectContaining({ toolCallId: 'sid-1-2', isError: true }),
    ]);
    expect(parts.slice(-6).map((part) => part.type)).toEqual([
      'raw',
      'reasoning-start',
      'reasoning-delta',
      'reasoning-end',
      'error',
      'finish',
    ]);
    expect(parts).toContainEqual({ type: 'raw', rawValue: { id: 5 } });
    expect(parts).toContainEqual({ type: 'error', error });
  });
});
