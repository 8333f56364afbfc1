'use client';

import { Markdown } from 'example-support/markdown';
import { useState } from 'react';

/** The agent's thoughts and steps, collapsible; open while the answer is still streaming in. */
export function Thinking({ text, streaming }: { text: string; streaming: boolean }) {
  const [open, setOpen] = useState(streaming);
  return (
    <details
      className="thinking"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        <span className="thinking-title">Thinking</span>
        {streaming ? <span className="thinking-live">working…</span> : null}
      </summary>
      <div className="thinking-body">
        <Markdown text={text} />
      </div>
    </details>
  );
}
