import { InvalidPromptError, UnsupportedFunctionalityError } from '@ai-sdk/provider';
import { inlineTextFile, isTextMediaType, MAX_INLINE_TEXT_FILE_BYTES } from './inline-text-file';

const utf8 = (text: string) => new TextEncoder().encode(text);

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('isTextMediaType', () => {
  it('takes text/*, the text application types and +json/+xml suffixes', () => {
    for (const type of [
      'text/plain',
      'text/x-python',
      'TEXT/Markdown; charset=utf-8',
      'application/json',
      'application/xml',
      'application/javascript',
      'application/x-sh',
      'application/yaml',
      'application/vnd.api+json',
      'image/svg+xml',
    ]) {
      expect(isTextMediaType(type), type).toBe(type !== 'image/svg+xml');
    }
    for (const type of ['image/png', 'application/pdf', 'application/octet-stream', 'audio/wav']) {
      expect(isTextMediaType(type), type).toBe(false);
    }
  });
});

describe('inlineTextFile', () => {
  it('inlines the text of every spec shape: V1 base64, V2/V3 bytes, V4 data and text', () => {
    const expected = 'File main.py (text/x-python):\n```\nprint("hé")\n```';
    const source = 'print("hé")';
    const bytes = utf8(source);
    const base64 = btoa(String.fromCharCode(...bytes));
    const parts = [
      { type: 'file', filename: 'main.py', mimeType: 'text/x-python', data: base64 },
      { type: 'file', filename: 'main.py', mediaType: 'text/x-python', data: bytes },
      { type: 'file', filename: 'main.py', mediaType: 'text/x-python', data: base64 },
      {
        type: 'file',
        filename: 'main.py',
        mediaType: 'text/x-python',
        data: { type: 'data', data: bytes },
      },
      {
        type: 'file',
        filename: 'main.py',
        mediaType: 'text/x-python',
        data: { type: 'text', text: source },
      },
    ];
    for (const part of parts) expect(inlineTextFile(part)).toBe(expected);
  });

  it('takes V4 text data whatever the media type, and names an unnamed file', () => {
    expect(
      inlineTextFile({
        type: 'file',
        mediaType: 'application/octet-stream',
        data: { type: 'text', text: 'notes' },
      }),
    ).toBe('File attached file (application/octet-stream):\n```\nnotes\n```');
  });

  it('fences the text with more backticks than it contains', () => {
    const text = 'a\n```js\nx\n```';
    expect(inlineTextFile({ type: 'file', mediaType: 'text/markdown', data: utf8(text) })).toBe(
      `File attached file (text/markdown):\n\`\`\`\`\n${text}\n\`\`\`\``,
    );
  });

  it('decodes the charset the media type names', () => {
    const latin1 = new Uint8Array([0x63, 0x61, 0x66, 0xe9]);
    expect(
      inlineTextFile({ type: 'file', mediaType: 'text/plain; charset=iso-8859-1', data: latin1 }),
    ).toContain('café');
  });

  it('rejects images and binary files, naming the part and its media type', () => {
    const image = thrown(() =>
      inlineTextFile({ type: 'file', filename: 'cat.png', mediaType: 'image/png', data: 'aGk=' }),
    );
    expect(UnsupportedFunctionalityError.isInstance(image)).toBe(true);
    expect((image as Error).message).toContain('file part "cat.png" (image/png)');
    const v1Image = thrown(() =>
      inlineTextFile({ type: 'image', image: new URL('https://x.test/a.png') }),
    );
    expect((v1Image as Error).message).toContain('image part');
    const notText = thrown(() =>
      inlineTextFile({
        type: 'file',
        filename: 'a.txt',
        mediaType: 'text/plain',
        data: new Uint8Array([0xff, 0xfe, 0x00]),
      }),
    );
    expect(UnsupportedFunctionalityError.isInstance(notText)).toBe(true);
    expect((notText as Error).message).toMatch(/"a.txt" \(text\/plain\).*not utf-8 text/);
  });

  it('rejects text files it cannot read: by URL, by reference, bad base64', () => {
    for (const data of [
      new URL('https://x.test/a.txt'),
      { type: 'url', url: new URL('https://x.test/a.txt') },
      { type: 'reference', reference: { openai: 'file-1' } },
    ]) {
      const error = thrown(() => inlineTextFile({ type: 'file', mediaType: 'text/plain', data }));
      expect(UnsupportedFunctionalityError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/pass its content instead/);
    }
    const base64 = thrown(() =>
      inlineTextFile({ type: 'file', mediaType: 'text/plain', data: 'not base64!' }),
    );
    expect(InvalidPromptError.isInstance(base64)).toBe(true);
  });

  it('bounds the size of a file, with the size and the bound in the error', () => {
    const fits = 'a'.repeat(MAX_INLINE_TEXT_FILE_BYTES);
    expect(
      inlineTextFile({ type: 'file', mediaType: 'text/plain', data: { type: 'text', text: fits } }),
    ).toContain(fits);
    const error = thrown(() =>
      inlineTextFile({
        type: 'file',
        filename: 'big.log',
        mediaType: 'text/plain',
        data: utf8(`${fits}b`),
      }),
    );
    expect(InvalidPromptError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      `"big.log" (text/plain) has ${MAX_INLINE_TEXT_FILE_BYTES + 1} bytes`,
    );
  });
});
