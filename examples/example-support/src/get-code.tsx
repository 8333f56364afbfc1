'use client';

import { type ComponentProps, useRef, useState } from 'react';

/** Where "Get the code" is: its panel closed, asking the username, waiting, done or failed. */
export type GetCodeStep =
  | { kind: 'closed' }
  | { kind: 'asking' }
  | { kind: 'loading' }
  | { kind: 'ready'; repoUrl: string }
  | { kind: 'error'; message: string };

// Storage can be blocked (privacy settings): then the username is simply asked for each time.
function readStored(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function writeStored(key: string, value: string | undefined) {
  try {
    if (value === undefined) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // See readStored.
  }
}

/**
 * POSTs `body` as JSON to the app's own route and returns the `repoUrl` it answers, or throws
 * with the route's `error` sentence (or what went wrong on the way there).
 */
export async function requestRepoUrl(path: string, body: unknown): Promise<string> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new Error('Could not reach the app server. Check that it is still running, then retry.');
  }
  const answer = (await response.json().catch(() => ({}))) as {
    repoUrl?: unknown;
    error?: unknown;
  };
  if (response.ok && typeof answer.repoUrl === 'string') return answer.repoUrl;
  throw new Error(
    typeof answer.error === 'string' ? answer.error : `The app answered ${response.status}.`,
  );
}

/**
 * The steps of "Get the code" that both apps take: the GitHub username is asked once and kept
 * in this browser under `storageKey`, then `request(username)` publishes the session and
 * answers the repository's URL.
 */
export function useGetCode({
  storageKey,
  request,
}: {
  storageKey: string;
  request: (githubUsername: string) => Promise<string>;
}) {
  const [step, setStep] = useState<GetCodeStep>({ kind: 'closed' });
  const [username, setUsername] = useState('');

  async function fetchCode(githubUsername: string) {
    setStep({ kind: 'loading' });
    try {
      setStep({ kind: 'ready', repoUrl: await request(githubUsername) });
    } catch (error) {
      setStep({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  return {
    step,
    /** The username the code was (or is about to be) shared with. */
    username,
    /** "Get the code": straight to the repository when the username is known, else ask it. */
    open() {
      const known = readStored(storageKey);
      setUsername(known);
      if (known === '') setStep({ kind: 'asking' });
      else void fetchCode(known);
    },
    /** The username the person typed: kept for next time, then the code is fetched. */
    submitUsername(typed: string) {
      const name = typed.trim();
      if (name === '') return;
      setUsername(name);
      writeStored(storageKey, name);
      void fetchCode(name);
    },
    /** Asks the username again; the remembered one is forgotten. */
    changeUsername() {
      writeStored(storageKey, undefined);
      setStep({ kind: 'asking' });
    },
    close() {
      setStep({ kind: 'closed' });
    },
  };
}

/**
 * The `git clone` command of `repoUrl` as text, in full, wrapping where it must (an input would
 * show a dozen characters of it), beside a Copy button. Its accessible name is `label`; base.css
 * styles it (`.clone-command`), `className` adds the app's own.
 */
export function CloneCommand({
  repoUrl,
  label,
  className = '',
  buttonClassName,
}: {
  repoUrl: string;
  label: string;
  className?: string;
  buttonClassName: string;
}) {
  const [copied, setCopied] = useState(false);
  const commandRef = useRef<HTMLElement>(null);
  const command = `git clone ${repoUrl}`;

  async function copy() {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(true);
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C.
      if (commandRef.current) getSelection()?.selectAllChildren(commandRef.current);
    }
  }

  return (
    <>
      <figure className={`clone-command ${className}`.trim()} aria-label={label}>
        <code ref={commandRef}>{command}</code>
      </figure>
      <button type="button" className={buttonClassName} onClick={() => void copy()}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </>
  );
}

/** The toolbar's "Get the code" button; the app adds what its panel needs (aria-controls, …). */
export function GetCodeButton(
  props: Omit<ComponentProps<'button'>, 'type' | 'className' | 'children'>,
) {
  return (
    <button type="button" className="button button-secondary" {...props}>
      Get the code
    </button>
  );
}
