import type { AgentMetadata, AgentUIMessage } from './agent-message';

/** What turns cost, as far as the service reported it (any part may be missing). */
export interface TurnCost {
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
}

const count = new Intl.NumberFormat('en-US');
const dollars = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
// Agent turns often cost a fraction of a cent: below ten cents, two significant digits say how much.
const cents = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumSignificantDigits: 2,
});

const isAmount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** The cost of one answer from its metadata; undefined when the service reported none. */
export function costOf(metadata: AgentMetadata | undefined): TurnCost | undefined {
  const cost: TurnCost = {};
  if (isAmount(metadata?.usage?.inputTokens)) cost.inputTokens = metadata.usage.inputTokens;
  if (isAmount(metadata?.usage?.outputTokens)) cost.outputTokens = metadata.usage.outputTokens;
  if (isAmount(metadata?.costUsd)) cost.costUsd = metadata.costUsd;
  return Object.keys(cost).length > 0 ? cost : undefined;
}

/** The sum over a chat's answers; each figure only if some answer reported it. */
export function chatCost(messages: readonly AgentUIMessage[]): TurnCost | undefined {
  const total: TurnCost = {};
  for (const message of messages) {
    const cost = message.role === 'assistant' ? costOf(message.metadata) : undefined;
    for (const key of ['inputTokens', 'outputTokens', 'costUsd'] as const) {
      const value = cost?.[key];
      if (value !== undefined) total[key] = (total[key] ?? 0) + value;
    }
  }
  return Object.keys(total).length > 0 ? total : undefined;
}

/** "1,234 tokens in · 56 out · $0.016"; undefined when there is nothing to say. */
export function formatTurnCost(cost: TurnCost | undefined): string | undefined {
  if (!cost) return undefined;
  const pieces: string[] = [];
  if (cost.inputTokens !== undefined) pieces.push(`${count.format(cost.inputTokens)} tokens in`);
  if (cost.outputTokens !== undefined) {
    const out = count.format(cost.outputTokens);
    pieces.push(cost.inputTokens === undefined ? `${out} tokens out` : `${out} out`);
  }
  if (cost.costUsd !== undefined) pieces.push(formatDollars(cost.costUsd));
  return pieces.length > 0 ? pieces.join(' · ') : undefined;
}

export function formatDollars(amount: number): string {
  if (amount === 0) return dollars.format(0);
  return amount >= 0.1 ? dollars.format(amount) : cents.format(amount);
}
