import { isToolAction } from './agent-actions';
import type { RobocodersEvent } from './robocoders-event';
import type { RobocodersPart } from './robocoders-part';
import {
  finishOf,
  PAUSED_FINISH,
  TurnTranslator,
  type TurnTranslatorOptions,
  UNKNOWN_FINISH,
  WAITING_FINISH,
} from './turn-translator';

const message = (id: number, content: string, wait = false): RobocodersEvent => ({
  id,
  source: 'agent',
  message: content,
  action: 'message',
  args: { content, wait_for_response: wait },
});
const think = (id: number, thought: string): RobocodersEvent => ({
  id,
  source: 'agent',
  message: thought,
  action: 'think',
  args: { thought },
});
const run = (id: number): RobocodersEvent => ({
  id,
  source: 'agent',
  message: 'Running command: ls',
  action: 'run',
  args: { command: 'ls', thought: 'Look first.' },
});
const runOutput = (id: number, cause: number): RobocodersEvent => ({
  id,
  source: 'agent',
  observation: 'run',
  cause,
  content: 'a.py',
  message: 'Command `ls` executed with exit code 0.',
  extras: { exit_code: 0 },
});
const state = (id: number, agent_state: string, extras: Record<string, unknown> = {}) => ({
  id,
  source: 'environment',
  observation: 'agent_state_changed',
  content: '',
  extras: { agent_state, ...extras },
});

/** Feeds `reads` (each one network read of events) and returns the parts after the start. */
function translate(reads: RobocodersEvent[][], options: Partial<TurnTranslatorOptions> = {}) {
  const parts: RobocodersPart[] = [];
  const turn = new TurnTranslator({
    sessionId: 'sid-1',
    agent: 'RepoAgent',
    toolActions: () => false,
    agentSteps: 'text',
    includeRawEvents: false,
    newSession: true,
    emit: (part) => parts.push(part),
    ...options,
  });
  const ends: boolean[] = [];
  for (const events of reads) {
    for (const event of events) ends.push(turn.read(event));
    turn.flush();
  }
  return { turn, parts, ends };
}

const CASES: Array<{
  name: string;
  reads: RobocodersEvent[][];
  options?: Partial<TurnTranslatorOptions>;
  parts: unknown[];
}> = [
  {
    name: 'texts of one read are one delta, joined by a blank line within the block',
    reads: [[message(1, 'a'), message(2, 'b')], [message(3, 'c')]],
    parts: [
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'a\n\nb' },
      { type: 'text-delta', id: 'text-0', delta: '\n\nc' },
    ],
  },
  {
    name: 'a text block after a reasoning block does not start with a blank line',
    reads: [[message(1, 'Plan.'), think(2, 'Hmm.'), message(3, 'Done.')]],
    parts: [
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'Plan.' },
      { type: 'text-end', id: 'text-0' },
      { type: 'reasoning-start', id: 'reasoning-1' },
      { type: 'reasoning-delta', id: 'reasoning-1', delta: 'Hmm.' },
      expect.objectContaining({ type: 'action', action: 'think' }),
      { type: 'reasoning-end', id: 'reasoning-1' },
      { type: 'text-start', id: 'text-2' },
      { type: 'text-delta', id: 'text-2', delta: 'Done.' },
    ],
  },
  {
    name: 'a step shown as a tool call ends the block; the next reasoning starts a new one',
    reads: [[think(1, 'First.'), run(2), runOutput(3, 2), think(4, 'Second.')]],
    options: { toolActions: isToolAction },
    parts: [
      { type: 'reasoning-start', id: 'reasoning-0' },
      { type: 'reasoning-delta', id: 'reasoning-0', delta: 'First.' },
      expect.objectContaining({ type: 'action', action: 'think' }),
      // The run action's thought is reasoning of the same block, before the tool call.
      { type: 'reasoning-delta', id: 'reasoning-0', delta: '\n\nLook first.' },
      { type: 'reasoning-end', id: 'reasoning-0' },
      expect.objectContaining({ type: 'action', action: 'run' }),
      expect.objectContaining({ type: 'observation', causeId: '2' }),
      { type: 'reasoning-start', id: 'reasoning-1' },
      { type: 'reasoning-delta', id: 'reasoning-1', delta: 'Second.' },
      expect.objectContaining({ type: 'action', action: 'think' }),
    ],
  },
  {
    name: 'a step not shown as a tool call stays in the open text block',
    reads: [[message(1, 'On it.'), { ...run(2), args: { command: 'ls' } }, runOutput(3, 2)]],
    parts: [
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'On it.' },
      expect.objectContaining({ type: 'action', action: 'run' }),
      { type: 'text-delta', id: 'text-0', delta: '\n\nRunning command: ls' },
      expect.objectContaining({ type: 'observation' }),
      { type: 'text-delta', id: 'text-0', delta: '\n\nCommand `ls` executed with exit code 0.' },
    ],
  },
  {
    name: 'a raw event does not end the block',
    reads: [[message(1, 'a')], [message(2, 'b')]],
    options: { includeRawEvents: true },
    parts: [
      { type: 'raw', event: message(1, 'a') },
      { type: 'text-start', id: 'text-0' },
      { type: 'text-delta', id: 'text-0', delta: 'a' },
      { type: 'raw', event: message(2, 'b') },
      { type: 'text-delta', id: 'text-0', delta: '\n\nb' },
    ],
  },
];

describe('TurnTranslator', () => {
  it.each(CASES)('$name', ({ reads, options, parts }) => {
    expect(translate(reads, options).parts).toEqual(parts);
  });

  it('starts with the response metadata', () => {
    const parts: RobocodersPart[] = [];
    const turn = new TurnTranslator({
      sessionId: 'sid-1',
      agent: 'RepoAgent',
      toolActions: () => false,
      agentSteps: 'text',
      includeRawEvents: false,
      newSession: false,
      emit: (part) => parts.push(part),
    });
    turn.start(new Date(5));
    expect(parts).toEqual([
      { type: 'response-metadata', sessionId: 'sid-1', agent: 'RepoAgent', timestamp: new Date(5) },
    ]);
  });

  it('says the turn ends with a wait, and finishes it waiting with its metadata', () => {
    const { turn, parts, ends } = translate([[message(1, 'a'), message(7, 'Which file?', true)]]);
    expect(ends).toEqual([false, true]);
    expect(turn.end).toEqual({ type: 'waiting' });
    turn.finish(finishOf(turn.end), 2);
    expect(parts.slice(-2)).toEqual([
      { type: 'text-end', id: 'text-0' },
      {
        type: 'finish',
        finishReason: 'stop',
        rawFinishReason: 'awaiting_user_input',
        usage: undefined,
        metadata: {
          sessionId: 'sid-1',
          agent: 'RepoAgent',
          continuations: 0,
          awaitingInput: true,
          skippedLines: 2,
          lastEventId: 7,
        },
      },
    ]);
  });

  it('forgets how the turn stood once continued, and counts the continuation', () => {
    const { turn } = translate([[message(1, 'Which?', true)]]);
    turn.continued();
    expect(turn.end).toBeUndefined();
    expect(turn.continuations).toBe(1);
    turn.read(state(2, 'finished'));
    expect(finishOf(turn.end)).toEqual({
      finishReason: 'stop',
      rawFinishReason: 'finished',
      awaitingInput: false,
    });
  });

  it('keeps an agent error over a later state change, but not over a pause', () => {
    const { turn, ends } = translate([
      [state(1, 'error', { reason: 'out of memory' }), state(2, 'finished')],
    ]);
    expect(ends).toEqual([false, false]);
    expect(turn.end).toEqual({ type: 'agent-error', message: 'out of memory' });
    expect(turn.read(state(3, 'paused'))).toBe(true);
    expect(finishOf(turn.end)).toBe(PAUSED_FINISH);
  });

  it('ends the open block before the error part of a failed turn', () => {
    const { turn, parts } = translate([[think(1, 'Hmm')]]);
    const error = new Error('cut');
    turn.fail(error, 'stream_error', 0);
    expect(parts.slice(-3).map((part) => part.type)).toEqual(['reasoning-end', 'error', 'finish']);
    expect(parts.at(-1)).toMatchObject({ finishReason: 'error', rawFinishReason: 'stream_error' });
  });

  it('reports a failed continuation in the metadata', () => {
    const { turn, parts } = translate([[message(1, 'Which?', true)]]);
    turn.continued();
    turn.continuationFailed({ statusCode: 503, message: 'busy' });
    turn.finish(WAITING_FINISH, 0);
    expect(parts.at(-1)).toMatchObject({
      metadata: { continuations: 1, continuationError: { statusCode: 503, message: 'busy' } },
    });
  });

  it('finishes unknown (eof) when no event said how the turn ends', () => {
    expect(finishOf(undefined)).toBe(UNKNOWN_FINISH);
    expect(UNKNOWN_FINISH).toEqual({
      finishReason: 'unknown',
      rawFinishReason: 'eof',
      awaitingInput: false,
    });
  });
});
