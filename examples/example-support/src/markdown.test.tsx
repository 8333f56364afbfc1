import { renderToString } from 'react-dom/server';
import { prerender } from 'react-dom/static';
import { describe, expect, it } from 'vitest';
import { Markdown } from './markdown';

// React's text separators (<!-- -->) are no part of what a person sees.
const html = (text: string) => renderToString(<Markdown text={text} />).replaceAll('<!-- -->', '');

/** The whole page, once the lazily loaded code block has rendered too. */
async function fullHtml(text: string): Promise<string> {
  const { prelude } = await prerender(<Markdown text={text} />);
  return new Response(prelude).text();
}

describe('Markdown', () => {
  it('renders half-received Markdown as what it will be, not as raw syntax', () => {
    const bold = html('Some **bold');
    expect(bold).toContain('data-streamdown="strong"');
    expect(bold).not.toContain('**');
    const link = html('See [the docs](https://example.com/pa');
    expect(link).toMatch(/<a [^>]*>the docs<\/a>/);
    expect(link).not.toContain('href=');
    expect(link).not.toContain('[the docs]');
  });

  it('renders the first rows of a table that is still streaming as a table', () => {
    const out = html('| a | b |\n|---|---|\n| 1 | 2 |\n| 3');
    expect(out).toContain('<table');
    expect(out).toContain('>1</td>');
  });

  it('opens links in a new tab that cannot reach back to the page', () => {
    const out = html('[docs](https://example.com/docs)');
    expect(out).toMatch(/<a [^>]*href="https:\/\/example.com\/docs"/);
    expect(out).toContain('target="_blank"');
    expect(out).toMatch(/rel="[^"]*noreferrer/);
    expect(out).not.toContain('<button');
  });

  it('shows HTML in the text as text, and runs no script', () => {
    const out = html('Look: <b>bold</b> <img src=x onerror="alert(1)"> <script>alert(2)</script>');
    expect(out).not.toContain('<b>');
    expect(out).not.toMatch(/<img|<script/);
    expect(out).toContain('&lt;b&gt;bold&lt;/b&gt;');
  });

  it('drops javascript: links', () => {
    expect(html('[x](javascript:alert(1))')).not.toContain('javascript:');
  });

  it('renders a fenced block as a code block of its language with a Copy button', async () => {
    const out = await fullHtml('```python\ndef factorial(n):\n    return 1\n```');
    expect(out).toMatch(/data-language="python" data-streamdown="code-block"/);
    expect(out).toContain('data-streamdown="code-block-copy-button"');
    expect(out).not.toContain('code-block-download-button');
    expect(out).toContain('factorial');
  });
});
