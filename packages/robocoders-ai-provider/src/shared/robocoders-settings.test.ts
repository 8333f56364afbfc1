import { describe, expect, it } from 'vitest';
import { zodV3Schemas } from '../v1/zod-v3-schemas';
import {
  hasChatSettings,
  ROBOCODERS_CHAT_DEFAULTS,
  resolveChatSettings,
} from './robocoders-settings';
import { zodV4Schemas } from './zod-v4-schemas';

describe('ROBOCODERS_CHAT_DEFAULTS', () => {
  it('has a default for every chat setting of the schema', () => {
    expect(Object.keys(ROBOCODERS_CHAT_DEFAULTS).sort()).toEqual(
      Object.keys(zodV4Schemas().chatSettings.shape).sort(),
    );
  });

  it('leaves the agent questions to the user and reads the session from the history', () => {
    expect(ROBOCODERS_CHAT_DEFAULTS).toMatchObject({
      continueOnWait: false,
      sessionFromHistory: true,
      maxContinuations: 1,
    });
  });
});

describe('resolveChatSettings', () => {
  it('takes each setting from the first level that sets it, by key, else the default', () => {
    const resolved = resolveChatSettings(
      [
        { continueOnWait: true },
        { continueOnWait: false, maxContinuations: 3, sessionFromHistory: false },
        { maxContinuations: 5, continuePrompt: 'go', agentSteps: 'reasoning' },
      ],
      ROBOCODERS_CHAT_DEFAULTS,
    );
    expect(resolved).toEqual({
      ...ROBOCODERS_CHAT_DEFAULTS,
      continueOnWait: true,
      maxContinuations: 3,
      sessionFromHistory: false,
      continuePrompt: 'go',
      agentSteps: 'reasoning',
    });
  });

  it('treats false and 0 as set, and ignores keys that are not chat settings', () => {
    const resolved = resolveChatSettings(
      [{ maxContinuations: 0, sessionFromHistory: false, baseURL: 'x' } as never],
      { ...ROBOCODERS_CHAT_DEFAULTS, agentSteps: 'tools' },
    );
    expect(resolved.maxContinuations).toBe(0);
    expect(resolved.sessionFromHistory).toBe(false);
    expect(resolved.agentSteps).toBe('tools');
    expect(resolved).not.toHaveProperty('baseURL');
  });
});

describe('hasChatSettings', () => {
  it('tells a settings object with a chat setting from one without', () => {
    expect(hasChatSettings({})).toBe(false);
    expect(hasChatSettings({ continueOnWait: false })).toBe(true);
  });
});

describe('the schemas on zod/v3 (ai 4) and zod/v4 (ai 5+)', () => {
  const verdict = (schema: { safeParse(value: unknown): unknown }, value: unknown) => {
    const result = schema.safeParse(value) as {
      success: boolean;
      error?: { issues: Array<{ path: PropertyKey[]; message: string; code: string }> };
    };
    if (result.success) return 'ok';
    // Unknown keys are worded by parseProviderOptions itself: only the code must agree.
    return result.error?.issues.map((issue) =>
      issue.code === 'unrecognized_keys' ? issue.code : `${issue.path.join('.')}: ${issue.message}`,
    );
  };

  it.each([
    ['chatSettings', {}],
    ['chatSettings', { maxContinuations: 3, agentSteps: 'reasoning', continueOnWait: true }],
    ['chatSettings', { maxContinuations: -1 }],
    ['chatSettings', { maxContinuations: 1.5 }],
    ['chatSettings', { maxContinuations: '2' }],
    ['chatSettings', { continuePrompt: '' }],
    ['chatSettings', { continuePrompt: 'x'.repeat(10_001) }],
    ['chatSettings', { agentSteps: 'everything' }],
    ['chatSettings', { sessionFromHistory: 'yes' }],
    ['chatSettings', { idleTimeoutMs: 2 ** 31 }],
    ['chatSettings', { maxEventBytes: 10 }],
    ['providerSettings', { conversationTtlSeconds: 60, logger: console }],
    ['providerSettings', { logger: { warn: 'loud' } }],
    ['providerSettings', { logger: 'console' }],
    ['providerOptions', { conversationId: 'chat-1' }],
    ['providerOptions', { sessionId: 'has space' }],
    ['providerOptions', { conversationId: 'a', sessionId: 'b' }],
    ['providerOptions', { unknownOption: 1 }],
    ['sessionId', 'abc-123_x'],
    ['sessionId', 'x'.repeat(129)],
  ] as const)('%s %j: the same verdict and message', (schema, value) => {
    expect(verdict(zodV3Schemas()[schema], value)).toEqual(verdict(zodV4Schemas()[schema], value));
  });
});
