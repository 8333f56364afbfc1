import type { ReactNode } from 'react';

// 16 px line icons, drawn here so the app needs no icon package or font.
const PATHS: Record<string, ReactNode> = {
  run: (
    <>
      <rect x="1.5" y="2.5" width="13" height="11" rx="1.5" />
      <path d="M4.5 6l2 2-2 2M8 10.5h3.5" />
    </>
  ),
  run_ipython: (
    <>
      <path d="M5.5 2.5C3.5 2.5 3.5 4 3.5 5v1.5c0 1-1 1.5-2 1.5 1 0 2 .5 2 1.5V11c0 1 0 2.5 2 2.5" />
      <path d="M10.5 2.5c2 0 2 1.5 2 2.5v1.5c0 1 1 1.5 2 1.5-1 0-2 .5-2 1.5V11c0 1 0 2.5-2 2.5" />
    </>
  ),
  edit: <path d="M10.5 2.5l3 3-8 8h-3v-3zM9 4l3 3" />,
  read: (
    <>
      <path d="M3.5 1.5h6l3 3v10h-9z" />
      <path d="M5.5 7.5h5M5.5 10h5" />
    </>
  ),
  browse: (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M1.5 8h13M8 1.5c-2.5 3-2.5 10 0 13M8 1.5c2.5 3 2.5 10 0 13" />
    </>
  ),
  delegate: <path d="M2.5 8h9M8.5 4.5L12 8l-3.5 3.5M13.5 2.5v11" />,
  other: <circle cx="8" cy="8" r="2.5" />,
};
const ALIASES: Record<string, string> = { write: 'edit', browse_interactive: 'browse' };

/** The icon of one of the agent's actions (decorative: the row names the action in text). */
export function StepIcon({ toolName }: { toolName: string }) {
  const shape = PATHS[ALIASES[toolName] ?? toolName] ?? PATHS.other;
  return (
    <svg
      className="step-icon"
      viewBox="0 0 16 16"
      width="16"
      height="16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {shape}
    </svg>
  );
}
