'use client';

import { type SubmitEvent, useId, useRef, useState } from 'react';

const USERNAME_KEY = 'next-agent:github-username';

type CodeState =
  | { kind: 'idle' }
  | { kind: 'asking' }
  | { kind: 'loading' }
  | { kind: 'ready'; repoUrl: string }
  | { kind: 'error'; message: string };

async function requestCode(chatId: string, githubUsername: string): Promise<string> {
  const response = await fetch('/api/code', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chatId, githubUsername }),
  });
  const body = (await response.json().catch(() => ({}))) as { repoUrl?: string; error?: string };
  if (!response.ok || !body.repoUrl) {
    throw new Error(body.error ?? `Getting the code failed (${response.status}).`);
  }
  return body.repoUrl;
}

/**
 * "Get the code": publishes the chat's agent session as a Git repository the person's GitHub
 * account can reach, then shows its link and a `git clone` command to copy. The username is
 * asked once and kept in this browser.
 */
export function GetCode({ chatId, hasSession }: { chatId: string; hasSession: boolean }) {
  const [state, setState] = useState<CodeState>({ kind: 'idle' });
  const [copied, setCopied] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const cloneRef = useRef<HTMLElement>(null);
  const usernameId = useId();

  async function fetchCode(username: string) {
    setState({ kind: 'loading' });
    setCopied(false);
    try {
      setState({ kind: 'ready', repoUrl: await requestCode(chatId, username) });
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  function start() {
    const saved = localStorage.getItem(USERNAME_KEY);
    if (saved) void fetchCode(saved);
    else setState({ kind: 'asking' });
  }

  function onUsername(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const username = usernameRef.current?.value.trim() ?? '';
    if (!username) return;
    localStorage.setItem(USERNAME_KEY, username);
    void fetchCode(username);
  }

  function forgetUsername() {
    localStorage.removeItem(USERNAME_KEY);
    setState({ kind: 'asking' });
  }

  async function copy(command: string) {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(true);
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C.
      if (cloneRef.current) getSelection()?.selectAllChildren(cloneRef.current);
    }
  }

  const clone = state.kind === 'ready' ? `git clone ${state.repoUrl}` : '';
  return (
    <div className="get-code">
      <button
        type="button"
        className="button button-secondary"
        onClick={start}
        disabled={!hasSession || state.kind === 'loading'}
        title={hasSession ? undefined : 'Available once the agent has worked in this chat'}
      >
        Get the code
      </button>
      {state.kind === 'asking' ? (
        <form className="code-panel" onSubmit={onUsername}>
          <label htmlFor={usernameId}>GitHub username</label>
          <input
            id={usernameId}
            ref={usernameRef}
            name="githubUsername"
            autoComplete="username"
            required
            pattern="[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"
            // biome-ignore lint/a11y/noAutofocus: the person just asked for this form
            autoFocus
          />
          <button type="submit" className="button">
            Continue
          </button>
        </form>
      ) : null}
      {state.kind === 'loading' ? (
        <p className="code-panel" role="status">
          Publishing the agent's workspace…
        </p>
      ) : null}
      {state.kind === 'ready' ? (
        <section className="code-panel" aria-label="The code">
          <a href={state.repoUrl} target="_blank" rel="noreferrer noopener" className="code-link">
            {state.repoUrl}
          </a>
          {/* Text, not an input: the whole command shows, wrapped where it must, at any width. */}
          <figure className="code-clone" aria-label="Clone command">
            <code ref={cloneRef}>{clone}</code>
          </figure>
          <button type="button" className="button button-secondary" onClick={() => copy(clone)}>
            {copied ? 'Copied' : 'Copy'}
          </button>
          <button type="button" className="button-link" onClick={forgetUsername}>
            Use another GitHub username
          </button>
        </section>
      ) : null}
      {state.kind === 'error' ? (
        <div className="error-banner code-panel" role="alert">
          <p>{state.message}</p>
          <button type="button" className="button" onClick={start}>
            Retry
          </button>
        </div>
      ) : null}
    </div>
  );
}
