'use client';

import { ErrorBanner } from 'example-support/error-banner';
import { CloneCommand, GetCodeButton, requestRepoUrl, useGetCode } from 'example-support/get-code';
import { type SubmitEvent, useId, useRef } from 'react';

const USERNAME_KEY = 'next-agent:github-username';

/**
 * "Get the code": publishes the chat's agent session as a Git repository the person's GitHub
 * account can reach, then shows its link and a `git clone` command to copy. The username is
 * asked once and kept in this browser.
 */
export function GetCode({ chatId, hasSession }: { chatId: string; hasSession: boolean }) {
  const code = useGetCode({
    storageKey: USERNAME_KEY,
    request: (githubUsername) => requestRepoUrl('/api/code', { chatId, githubUsername }),
  });
  const usernameRef = useRef<HTMLInputElement>(null);
  const usernameId = useId();
  const { step } = code;

  function onUsername(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    code.submitUsername(usernameRef.current?.value ?? '');
  }

  return (
    <div className="get-code">
      <GetCodeButton
        onClick={code.open}
        disabled={!hasSession || step.kind === 'loading'}
        title={hasSession ? undefined : 'Available once the agent has worked in this chat'}
      />
      {step.kind === 'asking' ? (
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
      {step.kind === 'loading' ? (
        <p className="code-panel" role="status">
          Publishing the agent's workspace…
        </p>
      ) : null}
      {step.kind === 'ready' ? (
        <section className="code-panel" aria-label="The code">
          <a href={step.repoUrl} target="_blank" rel="noreferrer noopener" className="code-link">
            {step.repoUrl}
          </a>
          <CloneCommand
            repoUrl={step.repoUrl}
            label="Clone command"
            className="code-clone"
            buttonClassName="button button-secondary"
          />
          <button type="button" className="button-link" onClick={code.changeUsername}>
            Use another GitHub username
          </button>
        </section>
      ) : null}
      {step.kind === 'error' ? (
        <ErrorBanner message={step.message} onRetry={code.open} className="code-panel" />
      ) : null}
    </div>
  );
}
