import { describe, expect, it } from 'vitest';
import {
  hasChatSettings,
  ROBOCODERS_CHAT_DEFAULTS,
  resolveChatSettings,
  robocodersChatSettingsSchema,
} from './robocoders-settings';

describe('ROBOCODERS_CHAT_DEFAULTS', () => {
  it('has a default for every chat setting of the schema', () => {
    expect(Object.keys(ROBOCODERS_CHAT_DEFAULTS).sort()).toEqual(
      Object.keys(robocodersChatSettingsSchema.shape).sort(),
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
