'use client';

import { memo } from 'react';
import ReactMarkdown, { type Components, type Options } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';

const remarkPlugins: Options['remarkPlugins'] = [remarkGfm];
// Only blocks that name their language are highlighted: guessing flickers while text streams.
const rehypePlugins: Options['rehypePlugins'] = [[rehypeHighlight, { detect: false }]];
const components: Components = {
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noreferrer noopener" />,
  // Long lines scroll inside their block; focusable so the keyboard can scroll it too.
  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
  pre: ({ node: _node, ...props }) => <pre {...props} tabIndex={0} />,
};

/** The agent's Markdown (GFM, highlighted code). Raw HTML in it is shown as text, never run. */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
