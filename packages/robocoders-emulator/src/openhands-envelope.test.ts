import { describe, expect, it } from 'vitest';
import { startEmulator } from './emulator-server.js';
import { chatEvents, isWaitEvent, openSession, postJson, useEmulator } from './test-support.js';
import type { RobocodersEvent } from './types.js';

const plain = await useEmulator();
const enveloped = await useEmulator({ openHandsEnvelope: true });
const PROMPT = 'write a factorial function';

type Loose = RobocodersEvent & Record<string, unknown>;

const isAction = (event: RobocodersEvent, name: string) =>
  'action' in event && event.action === name;
const usageOf = (event: Loose) =>
  (event.tool_call_metadata as { model_response: { id: string; usage: Record<string, unknown> } })
    .model_response;
const accumulated = (event: Loose) =>
  (
    event.llm_metrics as {
      accumulated_cost: number;
      accumulated_token_usage: Record<string, number>;
    }
  ).accumulated_token_usage;

async function turn(url: string, prompt = PROMPT, sid?: string) {
  const session = await openSession(url);
  const id = sid ?? session.sid;
  return {
    sid: id,
    events: (await chatEvents(url, session.token, { sid: id, prompt })) as Loose[],
  };
}

describe('usage fields (always on)', () => {
  it('puts tool_call_metadata with the model response on each step and on its observation', async () => {
    const { events } = await turn(plain.url);
    const steps = events.filter((e) => 'action' in e && e.action !== 'message');
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) {
      const response = usageOf(step);
      expect(response.id).toMatch(/^chatcmpl-/);
      expect(response.usage).toMatchObject({
        prompt_tokens: expect.any(Number),
        completion_tokens: expect.any(Number),
        prompt_tokens_details: { cached_tokens: expect.any(Number) },
      });
      const result = events.find((e) => 'observation' in e && e.cause === step.id) as Loose;
      expect(usageOf(result)).toEqual(response);
    }
    // Each step is its own model response.
    expect(new Set(steps.map((s) => usageOf(s).id)).size).toBe(steps.length);
    // A final message is a plain reply: no tool call, but the metrics.
    const last = events.at(-1) as Loose;
    expect(isWaitEvent(last)).toBe(true);
    expect(last.tool_call_metadata).toBeUndefined();
    expect(last.llm_metrics).toBeDefined();
  });

  it('accumulates llm_metrics over the agent actions of the session, across turns', async () => {
    const { token, sid } = await openSession(plain.url);
    const first = (await chatEvents(plain.url, token, { sid, prompt: PROMPT })) as Loose[];
    const second = (await chatEvents(plain.url, token, {
      sid,
      prompt: 'now add tests',
    })) as Loose[];
    const metered = [...first, ...second].filter((e) => e.llm_metrics !== undefined);
    expect(metered.every((e) => 'action' in e && e.source === 'agent')).toBe(true);
    const totals = metered.map(
      (e) => accumulated(e).prompt_tokens + accumulated(e).completion_tokens,
    );
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(new Set(totals).size).toBe(totals.length);
    const costs = metered.map(
      (e) => (e.llm_metrics as { accumulated_cost: number }).accumulated_cost,
    );
    expect(costs[0]).toBeGreaterThan(0);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    // The accumulated figures are the sum of the responses (steps and final messages).
    const steps = [...first, ...second].filter((e) => e.tool_call_metadata && 'action' in e);
    const stepTotal = steps.reduce((n, e) => n + Number(usageOf(e).usage.prompt_tokens), 0);
    expect(accumulated(metered.at(-1) as Loose).prompt_tokens).toBeGreaterThan(stepTotal);
  });

  it('marks command observations with success', async () => {
    const { events } = await turn(plain.url);
    const commands = events.filter(
      (e) => 'observation' in e && (e.observation === 'run' || e.observation === 'run_ipython'),
    );
    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command.success).toBe(true);
    const others = events.filter((e) => 'observation' in e && e.observation === 'delegate');
    for (const other of others) expect(other).not.toHaveProperty('success');
  });

  it('streams no envelope events with openHandsEnvelope: false', async () => {
    const { events } = await turn(plain.url);
    expect(events.every((e) => e.source === 'agent')).toBe(true);
    expect(events.some((e) => 'observation' in e && e.observation === 'null')).toBe(false);
  });

  it('streams the envelope by default', async () => {
    const emulator = await startEmulator({ paceMs: 0 });
    try {
      const { events } = await turn(emulator.url);
      expect(events[0]).toMatchObject({
        source: 'environment',
        observation: 'agent_state_changed',
      });
      expect(events.some((e) => e.source === 'user')).toBe(true);
    } finally {
      await emulator.close();
    }
  });
});

describe('openHandsEnvelope', () => {
  it('streams the environment events and the user echo around the agent, as OpenHands does', async () => {
    const { token, sid } = await openSession(enveloped.url);
    const events = (await chatEvents(enveloped.url, token, { sid, prompt: PROMPT })) as Loose[];
    const shape = events.map((e) =>
      'action' in e
        ? `${e.source}:${e.action}`
        : `${e.source}:${e.observation}${e.observation === 'agent_state_changed' ? `:${String(e.extras.agent_state)}` : ''}`,
    );
    expect(shape.slice(0, 7)).toEqual([
      'environment:agent_state_changed:loading',
      'environment:change_agent_state',
      'environment:agent_state_changed:init',
      'user:message',
      'environment:null',
      'environment:agent_state_changed:running',
      'agent:delegate',
    ]);
    expect(shape.slice(-2)).toEqual([
      'agent:message',
      'environment:agent_state_changed:awaiting_user_input',
    ]);
    const change = events[1] as Loose;
    expect(change.message).toBe('Agent state changed to init');
    const echo = events[3] as Loose;
    expect(echo).toMatchObject({ source: 'user', args: { content: PROMPT } });
    expect(events[4]).toMatchObject({ message: 'No observation', content: '', cause: echo.id });
    // Ids stay strictly increasing with no gaps now that every event is streamed.
    const ids = events.map((e) => e.id);
    expect(ids).toEqual(ids.map((_, i) => (ids[0] as number) + i));

    // A later turn: no opening, the echo and the states again.
    const next = (await chatEvents(enveloped.url, token, {
      sid,
      prompt: 'now add tests',
    })) as Loose[];
    expect(next[0]).toMatchObject({ source: 'user', action: 'message' });
    expect(next.filter((e) => e.observation === 'agent_state_changed')).toHaveLength(2);
  });

  it('can be switched on for single requests with the openhands-envelope fault', async () => {
    plain.fault({ endpoint: '/chat', kind: 'openhands-envelope' });
    const { events } = await turn(plain.url);
    expect(events[0]).toMatchObject({ source: 'environment', observation: 'agent_state_changed' });
    const again = await turn(plain.url);
    expect(again.events.every((e) => e.source === 'agent')).toBe(true);
  });

  it('can be queued over HTTP', async () => {
    const queued = await postJson(plain.url, '/__emulator/faults', {
      endpoint: '/chat',
      kind: 'openhands-envelope',
    });
    expect(queued.status).toBe(201);
    const { events } = await turn(plain.url);
    expect(events.some((e) => e.source === 'user')).toBe(true);
  });
});

describe('determinism', () => {
  it('gives the same events (usage included) for the same prompts on fresh sessions', async () => {
    const strip = (events: Loose[]) => events.map(({ timestamp: _t, sid: _s, ...rest }) => rest);
    const a = await turn(enveloped.url);
    const b = await turn(enveloped.url);
    expect(strip(a.events)).toEqual(strip(b.events));
    expect(a.events.some((e) => isAction(e, 'message'))).toBe(true);
  });
});
