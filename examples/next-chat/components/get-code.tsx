'use client';

import { ErrorBanner } from 'example-support/error-banner';
import { CloneCommand, GetCodeButton, requestRepoUrl, useGetCode } from 'example-support/get-code';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';

/** Where the browser remembers the GitHub username, so it is asked for once. */
export const GITHUB_USERNAME_KEY = 'next-chat:github-username';

/** The username form, filled with the last one used (when it is asked again). */
function UsernameForm({
  initial,
  onSubmit,
}: {
  initial: string;
  onSubmit: (name: string) => void;
}) {
  const [username, setUsername] = useState(initial);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = { username: useId(), hint: useId() };

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(username);
  }

  return (
    <form className="get-code-form" onSubmit={submit}>
      <label htmlFor={ids.username}>GitHub username</label>
      <input
        id={ids.username}
        ref={inputRef}
        name="githubUsername"
        autoComplete="username"
        spellCheck={false}
        value={username}
        onChange={(event) => setUsername(event.target.value)}
        aria-describedby={ids.hint}
        required
      />
      <button type="submit" className="button" disabled={username.trim() === ''}>
        Continue
      </button>
      <p id={ids.hint} className="hint">
        The repository is shared with this GitHub account. Asked once, remembered in this browser.
      </p>
    </form>
  );
}

/**
 * "Get the code": the repository holding what the agent wrote in this conversation's session,
 * as a link and a `git clone` command. The GitHub username it is shared with is asked for once
 * and remembered in this browser.
 */
export function GetCode({ sessionId, disabled }: { sessionId: string; disabled: boolean }) {
  const code = useGetCode({
    storageKey: GITHUB_USERNAME_KEY,
    request: (githubUsername) => requestRepoUrl('/api/session-code', { sessionId, githubUsername }),
  });
  const panelId = useId();
  const { step, username } = code;

  return (
    <div className="get-code">
      <GetCodeButton
        onClick={code.open}
        disabled={disabled || step.kind === 'loading'}
        aria-expanded={step.kind !== 'closed'}
        aria-controls={panelId}
      />
      {step.kind === 'closed' ? null : (
        <section id={panelId} className="get-code-panel" aria-label="The agent's code">
          {step.kind === 'asking' ? (
            <UsernameForm initial={username} onSubmit={code.submitUsername} />
          ) : null}
          {step.kind === 'loading' ? (
            <p className="status" role="status">
              Preparing the repository…
            </p>
          ) : null}
          {step.kind === 'ready' ? (
            <div className="get-code-result">
              <p>
                Repository:{' '}
                <a href={step.repoUrl} target="_blank" rel="noreferrer">
                  {step.repoUrl}
                </a>
              </p>
              {/* The command below carries this name itself: read once, not twice. */}
              <p className="get-code-label" aria-hidden="true">
                Clone it
              </p>
              <div className="get-code-command">
                <CloneCommand repoUrl={step.repoUrl} label="Clone it" buttonClassName="button" />
              </div>
            </div>
          ) : null}
          {step.kind === 'error' ? (
            <ErrorBanner message={step.message} onRetry={code.open} />
          ) : null}
          {step.kind === 'ready' || step.kind === 'error' ? (
            <div className="get-code-footer">
              {username !== '' ? <span className="hint">Shared with {username}.</span> : null}
              <button type="button" className="button button-ghost" onClick={code.changeUsername}>
                Change username
              </button>
              <button type="button" className="button button-ghost" onClick={code.close}>
                Close
              </button>
            </div>
          ) : null}
        </section>
      )}
    </div>
  );
}
