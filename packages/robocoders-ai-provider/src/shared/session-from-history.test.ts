import type { LanguageModelV1Prompt } from '@ai-sdk/provider';
import type { LanguageModelV2Prompt } from '@ai-sdk/provider-v2';
import type { LanguageModelV3Prompt } from '@ai-sdk/provider-v3';
import { describe, expect, it } from 'vitest';
import { convertPromptV4 } from '../v4/convert-prompt-v4';
import { sessionFromHistory as fromHistory } from './session-from-history';
import { zodV4Schemas } from './zod-v4-schemas';

const sessionFromHistory = (prompt: Parameters<typeof fromHistory>[0]) =>
  fromHistory(prompt, zodV4Schemas().sessionId);

const ours = (sessionId: string) => ({ robocoders: { sessionId, agent: 'RepoAgent' } });

describe('sessionFromHistory', () => {
  it('reads the session from the text part metadata of a V2 and V3 prompt', () => {
    const prompt = [
      { role: 'user', content: [{ type: 'text', text: 'Write factorial' }] },
      {
        role: 'assistant',
        content: [{ type: 'text', text: 'Done.', providerOptions: ours('s-1') }],
      },
      { role: 'user', content: [{ type: 'text', text: 'Now a test' }] },
    ] satisfies LanguageModelV2Prompt & LanguageModelV3Prompt;
    expect(sessionFromHistory(prompt)).toEqual({ sessionId: 's-1', messageIndex: 1 });
  });

  it('reads it from a tool call when the text carries none, and from a V4 prompt', () => {
    const prompt = convertPromptV4([
      { role: 'user', content: [{ type: 'text', text: 'List files' }] },
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: 's-4-2',
            toolName: 'run',
            input: { command: 'ls' },
            providerExecuted: true,
            providerOptions: ours('s-4'),
          },
          { type: 'text', text: 'There is a.py.' },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Open it' }] },
    ]);
    expect(sessionFromHistory(prompt)).toEqual({ sessionId: 's-4', messageIndex: 1 });
  });

  it("reads V1's providerMetadata too", () => {
    const prompt = [
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        role: 'assistant',
        content: [{ type: 'text', text: 'Hello', providerMetadata: ours('s-v1') }],
      },
      { role: 'user', content: [{ type: 'text', text: 'Go on' }] },
    ] satisfies LanguageModelV1Prompt;
    expect(sessionFromHistory(prompt)?.sessionId).toBe('s-v1');
  });

  it('lets the newest assistant message with our metadata win', () => {
    const prompt = [
      { role: 'user' as const, content: [{ type: 'text', text: 'one' }] },
      {
        role: 'assistant' as const,
        content: [{ type: 'text', text: 'a', providerOptions: ours('old') }],
      },
      { role: 'user' as const, content: [{ type: 'text', text: 'two' }] },
      {
        role: 'assistant' as const,
        content: [{ type: 'text', text: 'b', providerOptions: ours('new') }],
      },
      // Another model answered last: its message carries no session of ours.
      { role: 'user' as const, content: [{ type: 'text', text: 'three' }] },
      { role: 'assistant' as const, content: [{ type: 'text', text: 'c' }] },
      { role: 'user' as const, content: [{ type: 'text', text: 'four' }] },
    ];
    expect(sessionFromHistory(prompt)).toEqual({ sessionId: 'new', messageIndex: 3 });
  });

  it('finds none in a chat begun on another model, in user messages, or in ids of another shape', () => {
    expect(
      sessionFromHistory([
        { role: 'user', content: [{ type: 'text', text: 'hi', providerOptions: ours('user') }] },
        { role: 'assistant', content: 'plain string answer' },
        {
          role: 'assistant',
          content: [
            { type: 'text', text: 'x', providerOptions: { openai: { itemId: 'msg_1' } } },
            { type: 'text', text: 'y', providerOptions: ours('a b\r\nX-Injected: 1') },
            { type: 'text', text: 'z', providerOptions: { robocoders: { sessionId: 42 } } },
          ],
        },
        { role: 'user', content: [{ type: 'text', text: 'more' }] },
      ]),
    ).toBeUndefined();
  });
});
