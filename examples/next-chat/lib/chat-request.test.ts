import { describe, expect, it } from 'vitest';
import { InvalidChatRequestError, parseChatRequest } from './chat-request';

const messages = [{ id: 'm1', role: 'user', content: 'hi', parts: [{ type: 'text', text: 'hi' }] }];

describe('parseChatRequest', () => {
  it('fills the defaults for agent and auto-continue', () => {
    const request = parseChatRequest({ id: 'chat-1', messages });
    expect(request.agent).toBe('GeneralCodingAgent');
    expect(request.maxContinuations).toBe(1);
    expect(request.messages[0]).toMatchObject({ role: 'user', content: 'hi' });
  });

  it('names the field that is wrong', () => {
    expect(() => parseChatRequest({ id: 'chat-1', messages, agent: 'Nope' })).toThrow(
      InvalidChatRequestError,
    );
    expect(() => parseChatRequest({ id: 'chat-1', messages, maxContinuations: 5 })).toThrow(
      /maxContinuations/,
    );
    expect(() => parseChatRequest({ messages })).toThrow(/id/);
  });
});
