import { UnsupportedFunctionalityError } from '@ai-sdk/provider';
import type { LanguageModelV4Prompt } from '@ai-sdk/provider-v4';
import {
  convertToRobocodersNewTurns,
  convertToRobocodersPrompt,
} from '../shared/convert-to-robocoders-prompt';
import { convertPromptV4, toolResultOutputText } from './convert-prompt-v4';

describe('toolResultOutputText', () => {
  it('reads every V4 output kind', () => {
    expect(toolResultOutputText({ type: 'text', value: 'ok' })).toBe('ok');
    expect(toolResultOutputText({ type: 'json', value: { exit_code: 0 } })).toBe('{"exit_code":0}');
    expect(toolResultOutputText({ type: 'error-text', value: 'boom' })).toBe('error: boom');
    expect(toolResultOutputText({ type: 'error-json', value: { code: 1 } })).toBe(
      'error: {"code":1}',
    );
    expect(toolResultOutputText({ type: 'execution-denied' })).toBe('execution denied');
    expect(toolResultOutputText({ type: 'execution-denied', reason: 'no' })).toBe(
      'execution denied: no',
    );
    expect(
      toolResultOutputText({
        type: 'content',
        value: [
          { type: 'text', text: 'Wrote it.' },
          {
            type: 'file',
            filename: 'a.py',
            mediaType: 'text/x-python',
            data: { type: 'text', text: 'x = 1' },
          },
          { type: 'file', mediaType: 'image/png', data: { type: 'data', data: 'aGk=' } },
          { type: 'custom' },
        ],
      }),
    ).toBe(
      'Wrote it.\nFile a.py (text/x-python):\n```\nx = 1\n```\n' +
        '[file part (image/png), not shown: Robocoders agents read text only]',
    );
  });
});

describe('convertPromptV4', () => {
  it("reads an earlier turn's provider-executed tool results instead of rejecting them", () => {
    const prompt: LanguageModelV4Prompt = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Run ls' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'private' },
          { type: 'reasoning-file', mediaType: 'image/png', data: { type: 'data', data: 'aGk=' } },
          { type: 'custom', kind: 'openai.item' },
          {
            type: 'tool-call',
            toolCallId: 's-2',
            toolName: 'run',
            input: { command: 'ls' },
            providerExecuted: true,
          },
          {
            type: 'tool-result',
            toolCallId: 's-2',
            toolName: 'run',
            output: { type: 'json', value: { observation: 'run', content: 'a.py' } },
          },
          { type: 'text', text: 'Done.' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-approval-response', approvalId: 'a1', approved: false, reason: 'no' },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Now test it' }] },
    ];
    const converted = convertPromptV4(prompt);
    expect(convertToRobocodersPrompt(converted)).toBe(
      [
        'System: Be brief.',
        'User: Run ls',
        'Assistant: [tool call run: {"command":"ls"}]',
        '[tool result run: {"observation":"run","content":"a.py"}]',
        'Done.',
        'Tool: [tool approval a1: denied (no)]',
        'User: Now test it',
        'Assistant:',
      ].join('\n'),
    );
    expect(convertToRobocodersNewTurns(converted)).toBe(
      '[tool approval a1: denied (no)]\n\nNow test it',
    );
  });

  it("puts a user's text file into the prompt from each V4 data kind that holds it", () => {
    for (const data of [
      { type: 'text' as const, text: 'print(1)' },
      { type: 'data' as const, data: new TextEncoder().encode('print(1)') },
      { type: 'data' as const, data: btoa('print(1)') },
    ]) {
      const prompt: LanguageModelV4Prompt = [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Fix main.py' },
            { type: 'file', filename: 'main.py', mediaType: 'text/x-python', data },
          ],
        },
      ];
      expect(convertToRobocodersPrompt(convertPromptV4(prompt))).toBe(
        'Fix main.py\nFile main.py (text/x-python):\n```\nprint(1)\n```',
      );
    }
  });

  it('leaves images, URLs and references to the shared check, which names the part', () => {
    const prompt: LanguageModelV4Prompt = [
      {
        role: 'user',
        content: [
          {
            type: 'file',
            filename: 'cat.png',
            mediaType: 'image/png',
            data: { type: 'url', url: new URL('https://x.test/cat.png') },
          },
        ],
      },
    ];
    let error: unknown;
    try {
      convertToRobocodersPrompt(convertPromptV4(prompt));
    } catch (thrown) {
      error = thrown;
    }
    expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('file part "cat.png" (image/png)');
  });
});
