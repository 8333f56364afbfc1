import type { LanguageModelV1Prompt } from '@ai-sdk/provider';
import {
  assertSupportedPrompt,
  convertToRobocodersNewTurns,
  convertToRobocodersPrompt,
} from './convert-to-robocoders-prompt';

const user = (text: string) => ({
  role: 'user' as const,
  content: [{ type: 'text' as const, text }],
});
const assistant = (text: string) => ({
  role: 'assistant' as const,
  content: [{ type: 'text' as const, text }],
});

describe('convertToRobocodersPrompt (whole conversation)', () => {
  it('sends a single message as its text alone', () => {
    expect(convertToRobocodersPrompt([user('Write a factorial function.')])).toBe(
      'Write a factorial function.',
    );
  });

  it('flattens several messages into Role: content lines and a final Assistant:', () => {
    const prompt: LanguageModelV1Prompt = [
      { role: 'system', content: 'Be brief.' },
      user('Hi'),
      assistant('Hello!'),
      user('Add tests.'),
    ];
    expect(convertToRobocodersPrompt(prompt)).toBe(
      'System: Be brief.\nUser: Hi\nAssistant: Hello!\nUser: Add tests.\nAssistant:',
    );
  });

  it('puts system messages first', () => {
    const prompt: LanguageModelV1Prompt = [user('Hi'), { role: 'system', content: 'Rules.' }];
    expect(convertToRobocodersPrompt(prompt)).toBe('System: Rules.\nUser: Hi\nAssistant:');
  });

  it('leaves out reasoning and messages without text', () => {
    const prompt: LanguageModelV1Prompt = [
      user('Hi'),
      { role: 'assistant', content: [{ type: 'reasoning', text: 'private' }] },
    ];
    expect(convertToRobocodersPrompt(prompt)).toBe('Hi');
  });

  it('renders tool calls and results from other models as text', () => {
    const prompt: LanguageModelV1Prompt = [
      user('Weather?'),
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 't1', toolName: 'weather', args: { city: 'Oslo' } },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: 't1', toolName: 'weather', result: { temp: 3 } },
        ],
      },
    ];
    expect(convertToRobocodersPrompt(prompt)).toBe(
      'User: Weather?\nAssistant: [tool call weather: {"city":"Oslo"}]\nTool: [tool result weather: {"temp":3}]\nAssistant:',
    );
  });

  it('joins the text parts of one message with a newline', () => {
    const prompt: LanguageModelV1Prompt = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
    ];
    expect(convertToRobocodersPrompt(prompt)).toBe('a\nb');
  });

  it('rejects a prompt without text', () => {
    expect(() => convertToRobocodersPrompt([])).toThrowError(/Invalid prompt/);
    expect(() => convertToRobocodersPrompt([user('')])).toThrowError(/no text/);
  });
});

describe('convertToRobocodersNewTurns (reused session)', () => {
  it('sends only the user turn after the last assistant message', () => {
    const prompt: LanguageModelV1Prompt = [
      { role: 'system', content: 'Be brief.' },
      user('first'),
      assistant('answer'),
      user('second'),
    ];
    expect(convertToRobocodersNewTurns(prompt)).toBe('second');
  });

  it('joins several new user turns with a blank line', () => {
    const prompt: LanguageModelV1Prompt = [user('old'), assistant('a'), user('one'), user('two')];
    expect(convertToRobocodersNewTurns(prompt)).toBe('one\n\ntwo');
  });

  it('sends every user turn (not the system prompt) when there is no assistant message', () => {
    const prompt: LanguageModelV1Prompt = [
      { role: 'system', content: 'S' },
      user('one'),
      user('two'),
    ];
    expect(convertToRobocodersNewTurns(prompt)).toBe('one\n\ntwo');
  });

  it('rejects a prompt that ends with an assistant message', () => {
    expect(() => convertToRobocodersNewTurns([user('q'), assistant('a')])).toThrowError(
      /at least one user message after the last assistant message/,
    );
  });
});

describe('assertSupportedPrompt', () => {
  it('rejects images and binary files, naming the part and its media type', () => {
    const image: LanguageModelV1Prompt = [
      { role: 'user', content: [{ type: 'image', image: new URL('https://x.test/a.png') }] },
    ];
    const file: LanguageModelV1Prompt = [
      { role: 'user', content: [{ type: 'file', data: 'AAAA', mimeType: 'application/pdf' }] },
    ];
    expect(() => assertSupportedPrompt(image)).toThrowError(/image part cannot be sent/);

    expect(() => assertSupportedPrompt(file)).toThrowError(/file part \(application\/pdf\)/);
  });

  it('puts a text file into the prompt with its filename', () => {
    const prompt: LanguageModelV1Prompt = [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Fix it.' },
          { type: 'file', filename: 'main.py', data: btoa('print(1'), mimeType: 'text/x-python' },
        ],
      },
    ];
    expect(convertToRobocodersPrompt(prompt)).toBe(
      'Fix it.\nFile main.py (text/x-python):\n```\nprint(1\n```',
    );
  });

  it('accepts text, reasoning and tool parts', () => {
    expect(() =>
      assertSupportedPrompt([
        user('x'),
        { role: 'assistant', content: [{ type: 'reasoning', text: 'r' }] },
      ]),
    ).not.toThrow();
  });
});

describe('convertToRobocodersNewTurns after a session named in the history', () => {
  const prompt = [
    { role: 'system' as const, content: 'Be brief.' },
    { role: 'user' as const, content: [{ type: 'text', text: 'one' }] },
    { role: 'assistant' as const, content: [{ type: 'text', text: 'ours' }] },
    { role: 'user' as const, content: [{ type: 'text', text: 'two' }] },
    { role: 'assistant' as const, content: [{ type: 'text', text: 'theirs' }] },
    { role: 'user' as const, content: [{ type: 'text', text: 'three' }] },
  ];

  it('sends what followed the message that named the session, as a conversation', () => {
    expect(convertToRobocodersNewTurns(prompt, 2)).toBe(
      'User: two\nAssistant: theirs\nUser: three\nAssistant:',
    );
  });

  it('sends only the user turns when the session answered last', () => {
    expect(convertToRobocodersNewTurns(prompt, 4)).toBe('three');
    expect(convertToRobocodersNewTurns(prompt)).toBe('three');
  });
});
