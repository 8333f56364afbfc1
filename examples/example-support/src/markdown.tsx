'use client';

import { code } from '@streamdown/code';
import { memo } from 'react';
import { defaultRehypePlugins, Streamdown, type StreamdownProps } from 'streamdown';

// Shiki highlights each fenced block in the language it names; the grammar loads on demand.
const plugins: StreamdownProps['plugins'] = { code };

// Streamdown's defaults minus rehype-raw: HTML in the agent's text is shown as text, never run.
// (Without rehype-raw, Streamdown turns the raw HTML nodes into text once a urlTransform is set.)
const rehypePlugins = [defaultRehypePlugins.sanitize, defaultRehypePlugins.harden].filter(
  (plugin) => plugin !== undefined,
);

// Copy is what a person does with code; downloads and table menus would be unstyled clutter.
const controls: StreamdownProps['controls'] = {
  code: { copy: true, download: false },
  table: false,
  mermaid: false,
};

// A link whose URL is still streaming in carries Streamdown's placeholder URL: no href until the
// real one has arrived, so a click meanwhile goes nowhere.
const urlTransform = (url: string) => (url.startsWith('streamdown:') ? null : url);

/**
 * The agent's Markdown (GFM, highlighted code) as it streams in: half-received Markdown (an
 * unclosed `**`, a link, a table's first rows) renders as what it will be, not as raw syntax.
 * Styled by the apps' own CSS (`example-support/base.css`), not Tailwind.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <Streamdown
      className="markdown"
      plugins={plugins}
      rehypePlugins={rehypePlugins}
      urlTransform={urlTransform}
      controls={controls}
      // Plain links, as before, instead of a confirm dialog: Streamdown's own <a> opens a new tab
      // with rel="noreferrer", so the page it opens cannot reach back to this one.
      linkSafety={{ enabled: false }}
      lineNumbers={false}
      // Blocks grow with their content; long lines scroll sideways inside their own block.
      codeBlockMaxHeight={0}
      tableMaxHeight={0}
    >
      {text}
    </Streamdown>
  );
});
