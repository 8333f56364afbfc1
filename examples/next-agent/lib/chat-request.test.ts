import { describe, expect, it } from 'vitest';
import type { AgentUIMessage } from './agent-message';
import { conversationFor, InvalidChatRequestError, parseChatRequest } from './chat-request';

const question = (id: string, text: string): AgentUIMessage => ({
  id,
  role: 'user',
  parts: [{ type: 'text', text }],
});
const answer = (id: string): AgentUIMessage => ({
  id,
  role: 'assistant',
  parts: [{ type: 'text', text: 'ok' }],
});

describe('parseChatRequest', () => {
  it('takes a new message with the default agent', () => {
    const request = parseChatRequest({
      id: 'chat-1',
      trigger: 'submit-message',
      message: question('q1', 'hi'),
    });
    expect(request).toMatchObject({ id: 'chat-1', agent: 'GeneralCodingAgent' });
  });

  it('names the field that is wrong', () => {
    const bad = (body: unknown) => () => parseChatRequest(body);
    // The field's name as the message gives it (`id:`), not "id" inside another word.
    expect(bad({ id: '../x', trigger: 'regenerate-message' })).toThrow(/\bid:/);
    expect(bad({ id: 'c', trigger: 'regenerate-message', agent: 'Nope' })).toThrow(/\bagent:/);
    expect(
      bad({
        id: 'c',
        trigger: 'submit-message',
        message: { ...question('q', 'x'), role: 'assistant' },
      }),
    ).toThrow(InvalidChatRequestError);
    expect(bad({ id: 'c', trigger: 'delete' })).toThrow(/trigger/);
  });
});

describe('conversationFor', () => {
  const stored = [question('q1', 'a'), answer('a1')];

  it('appends a new message, once', () => {
    const request = parseChatRequest({
      id: 'c',
      trigger: 'submit-message',
      message: question('q2', 'b'),
    });
    expect(conversationFor(request, stored).map((message) => message.id)).toEqual([
      'q1',
      'a1',
      'q2',
    ]);
    expect(
      conversationFor(request, [...stored, question('q2', 'b')]).map((message) => message.id),
    ).toEqual(['q1', 'a1', 'q2']);
  });

  it('drops the answer being retried, or keeps a question that got none', () => {
    const retry = parseChatRequest({ id: 'c', trigger: 'regenerate-message' });
    expect(conversationFor(retry, stored).map((message) => message.id)).toEqual(['q1']);
    expect(conversationFor(retry, [question('q1', 'a')]).map((message) => message.id)).toEqual([
      'q1',
    ]);
  });
});
