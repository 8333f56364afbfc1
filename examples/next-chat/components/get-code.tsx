'use client';

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { SessionCodeResponse } from '@/lib/session-code-handler';

/** Where the browser remembers the GitHub username, so it is asked for once. */
export const GITHUB_USERNAME_KEY = 'next-chat:github-username';

type Step =
  | { kind: 'closed' }
  | { kind: 'asking' }
  | { kind: 'loading' }
  | { kind: 'done'; repoUrl: string }
  | { kind: 'error'; message: string };

function rememberedUsername(): string {
  try {
    return localStorage.getItem(GITHUB_USERNAME_KEY) ?? '';
  } catch {
    // Storage can be blocked (privacy settings): then the username is asked for each time.
    return '';
  }
}

function remember(username: string) {
  try {
    localStorage.setItem(GITHUB_USERNAME_KEY, username);
  } catch {
    // See rememberedUsername.
  }
}

async function requestCode(sessionId: string, githubUsername: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch('/api/session-code', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId, githubUsername }),
    });
  } catch {
    throw new Error('Could not reach the app server. Check that it is still running, then retry.');
  }
  const body = (await response.json().catch(() => undefined)) as SessionCodeResponse | undefined;
  if (body !== undefined && 'repoUrl' in body && response.ok) return body.repoUrl;
  throw new Error(
    body !== undefined && 'error' in body ? body.error : `The app answered ${response.status}.`,
  );
}

/**
 * "Get the code": the repository holding what the agent wrote in this conversation's session,
 * as a link and a `git clone` command. The GitHub username it is shared with is asked for once
 * and remembered in this browser.
 */
export function GetCode({ sessionId, disabled }: { sessionId: string; disabled: boolean }) {
  const [step, setStep] = useState<Step>({ kind: 'closed' });
  const [username, setUsername] = useState('');
  const [copied, setCopied] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const commandRef = useRef<HTMLInputElement>(null);
  const ids = { username: useId(), usernameHint: useId(), command: useId(), panel: useId() };

  useEffect(() => {
    if (step.kind === 'asking') usernameRef.current?.focus();
  }, [step.kind]);

  async function fetchCode(githubUsername: string) {
    setStep({ kind: 'loading' });
    setCopied(false);
    try {
      setStep({ kind: 'done', repoUrl: await requestCode(sessionId, githubUsername) });
    } catch (error) {
      setStep({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  function onGetCode() {
    const known = rememberedUsername();
    setUsername(known);
    if (known === '') setStep({ kind: 'asking' });
    else void fetchCode(known);
  }

  function onUsername(event: FormEvent) {
    event.preventDefault();
    const name = username.trim();
    if (name === '') return;
    remember(name);
    void fetchCode(name);
  }

  async function onCopy(command: string) {
    try {
      await navigator.clipboard.writeText(command);
      setCopied(true);
    } catch {
      // No clipboard access (an insecure origin, a denied permission): select it for Ctrl+C.
      commandRef.current?.select();
    }
  }

  const command = step.kind === 'done' ? `git clone ${step.repoUrl}` : '';

  return (
    <div className="get-code">
      <button
        type="button"
        className="button button-secondary"
        onClick={onGetCode}
        disabled={disabled || step.kind === 'loading'}
        aria-expanded={step.kind !== 'closed'}
        aria-controls={ids.panel}
      >
        Get the code
      </button>
      {step.kind === 'closed' ? null : (
        <section id={ids.panel} className="get-code-panel" aria-label="The agent's code">
          {step.kind === 'asking' ? (
            <form className="get-code-form" onSubmit={onUsername}>
              <label htmlFor={ids.username}>GitHub username</label>
              <input
                id={ids.username}
                ref={usernameRef}
                name="githubUsername"
                autoComplete="username"
                spellCheck={false}
                value={username}
                onChange={(event) => setUsername(event.target.value)}
                aria-describedby={ids.usernameHint}
                required
              />
              <button type="submit" className="button" disabled={username.trim() === ''}>
                Continue
              </button>
              <p id={ids.usernameHint} className="hint">
                The repository is shared with this GitHub account. Asked once, remembered in this
                browser.
              </p>
            </form>
          ) : null}
          {step.kind === 'loading' ? (
            <p className="status" role="status">
              Preparing the repository…
            </p>
          ) : null}
          {step.kind === 'done' ? (
            <div className="get-code-result">
              <p>
                Repository:{' '}
                <a href={step.repoUrl} target="_blank" rel="noreferrer">
                  {step.repoUrl}
                </a>
              </p>
              <label htmlFor={ids.command}>Clone it</label>
              <div className="get-code-command">
                <input id={ids.command} ref={commandRef} readOnly value={command} />
                <button type="button" className="button" onClick={() => void onCopy(command)}>
                  {copied ? 'Copied' : 'Copy'}
                </button>
              </div>
            </div>
          ) : null}
          {step.kind === 'error' ? (
            <div className="error-banner" role="alert">
              <p>{step.message}</p>
              <button type="button" className="button" onClick={onGetCode}>
                Retry
              </button>
            </div>
          ) : null}
          {step.kind === 'done' || step.kind === 'error' ? (
            <div className="get-code-footer">
              {username !== '' ? <span className="hint">Shared with {username}.</span> : null}
              <button
                type="button"
                className="button button-ghost"
                onClick={() => setStep({ kind: 'asking' })}
              >
                Change username
              </button>
              <button
                type="button"
                className="button button-ghost"
                onClick={() => setStep({ kind: 'closed' })}
              >
                Close
              </button>
            </div>
          ) : null}
        </section>
      )}
    </div>
  );
}
