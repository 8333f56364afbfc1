import { describe, expect, it } from 'vitest';
import type { AgentUIMessage } from './agent-message';
import { chatCost, costOf, formatDollars, formatTurnCost } from './turn-cost';

const answer = (metadata: AgentUIMessage['metadata']): AgentUIMessage => ({
  id: 'a',
  role: 'assistant',
  parts: [],
  metadata,
});

describe('turn cost', () => {
  it('formats tokens and dollars, leaving out what was not reported', () => {
    expect(formatTurnCost({ inputTokens: 12_345, outputTokens: 678, costUsd: 0.0158 })).toBe(
      '12,345 tokens in · 678 out · $0.016',
    );
    expect(formatTurnCost({ outputTokens: 5 })).toBe('5 tokens out');
    expect(formatTurnCost({ costUsd: 2.5 })).toBe('$2.50');
    expect(formatTurnCost({})).toBeUndefined();
    expect(formatTurnCost(undefined)).toBeUndefined();
  });

  it('writes amounts under ten cents with two significant digits', () => {
    expect(formatDollars(0)).toBe('$0.00');
    expect(formatDollars(0.00031)).toBe('$0.00031');
    expect(formatDollars(0.5)).toBe('$0.50');
    expect(formatDollars(1234.567)).toBe('$1,234.57');
  });

  it('reads an answer’s metadata, ignoring values that are not amounts', () => {
    expect(costOf({ usage: { inputTokens: 10, outputTokens: 2 }, costUsd: 0.01 })).toEqual({
      inputTokens: 10,
      outputTokens: 2,
      costUsd: 0.01,
    });
    expect(costOf({ usage: {} })).toBeUndefined();
    expect(costOf(undefined)).toBeUndefined();
    expect(costOf({ costUsd: Number.NaN, usage: { inputTokens: -1 } })).toBeUndefined();
  });

  it('sums a chat, and says nothing for a service that reports nothing', () => {
    const question: AgentUIMessage = { id: 'q', role: 'user', parts: [] };
    expect(
      chatCost([
        question,
        answer({ usage: { inputTokens: 100, outputTokens: 10 }, costUsd: 0.001 }),
        answer({ usage: { inputTokens: 50 } }),
        answer(undefined),
      ]),
    ).toEqual({ inputTokens: 150, outputTokens: 10, costUsd: 0.001 });
    expect(chatCost([question, answer({ agent: 'RepoAgent' })])).toBeUndefined();
  });
});
