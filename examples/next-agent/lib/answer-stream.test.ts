import type { TextStreamPart, ToolSet } from 'ai';
import { describe, expect, it } from 'vitest';
import { metadataOf } from './answer-stream';

const part = (value: unknown) => value as TextStreamPart<ToolSet>;

describe('metadataOf', () => {
  it('reads the agent, the session, the wait, the cost and the tokens from the parts that carry them', () => {
    expect(metadataOf('RepoAgent', part({ type: 'start' }))).toEqual({ agent: 'RepoAgent' });
    expect(
      metadataOf(
        'RepoAgent',
        part({
          type: 'finish-step',
          providerMetadata: { robocoders: { sessionId: 's1', awaitingInput: true, costUsd: 0.02 } },
        }),
      ),
    ).toEqual({ sessionId: 's1', awaitingInput: true, costUsd: 0.02 });
    expect(
      metadataOf(
        'RepoAgent',
        part({
          type: 'finish',
          finishReason: 'stop',
          totalUsage: { inputTokens: 9, outputTokens: 2 },
        }),
      ),
    ).toEqual({ finishReason: 'stop', usage: { inputTokens: 9, outputTokens: 2 } });
  });

  it('says nothing of what the service did not report', () => {
    expect(
      metadataOf('RepoAgent', part({ type: 'finish', finishReason: 'stop', totalUsage: {} })),
    ).toEqual({ finishReason: 'stop' });
    expect(
      metadataOf('RepoAgent', part({ type: 'finish-step', providerMetadata: { robocoders: {} } })),
    ).toEqual({ sessionId: undefined, awaitingInput: false });
    expect(metadataOf('RepoAgent', part({ type: 'finish-step' }))).toBeUndefined();
    expect(metadataOf('RepoAgent', part({ type: 'text-delta', text: 'x' }))).toBeUndefined();
  });

  it('marks how a turn ended early: Stop, or an error', () => {
    expect(metadataOf('RepoAgent', part({ type: 'abort' }))).toEqual({ stopped: true });
    expect(metadataOf('RepoAgent', part({ type: 'error', error: new Error('x') }))).toEqual({
      failed: true,
    });
  });
});
