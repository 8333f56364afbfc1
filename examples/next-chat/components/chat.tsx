'use client';

import { useChat } from '@ai-sdk/react';
import { ErrorBanner } from 'example-support/error-banner';
import {
  type FormEvent,
  type KeyboardEvent,
  type UIEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { AGENT_LABELS, AGENTS, type Agent, DEFAULT_AGENT } from '@/lib/agents';
import { GetCode } from './get-code';
import { answerAnnotation, isAwaitingInput, isPausedAtBudget, MessageView } from './message-view';

const EXAMPLES = [
  'Write a Python function that computes a factorial, with a test.',
  'Explain what a closure is, with a short JavaScript example.',
];

function newChatId(): string {
  return crypto.randomUUID();
}

function bannerText(error: Error): string {
  // useChat reports a dropped connection to our own route as a bare fetch failure.
  if (error.message === 'Failed to fetch' || error.name === 'TypeError') {
    return 'Could not reach the app server. Check that it is still running, then retry.';
  }
  return error.message || 'Something went wrong.';
}

/** The whole chat: toolbar, conversation, error banner and composer. */
export function Chat() {
  const [chatId, setChatId] = useState(newChatId);
  const [agent, setAgent] = useState<Agent>(DEFAULT_AGENT);
  // Off by default: in a chat the person is there to answer the agent's question themselves.
  const [autoContinue, setAutoContinue] = useState(false);
  const [stopped, setStopped] = useState(false);
  const [ready, setReady] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const followRef = useRef(true);
  const ids = { agent: useId(), autoContinue: useId(), input: useId(), hint: useId() };

  const {
    messages,
    input,
    setInput,
    handleInputChange,
    handleSubmit,
    status,
    stop,
    reload,
    error,
  } = useChat({
    id: chatId,
    api: '/api/chat',
    body: { agent, maxContinuations: autoContinue ? 1 : 0 },
    experimental_throttle: 40,
  });

  const busy = status === 'submitted' || status === 'streaming';
  const last = messages.at(-1);
  const finished = status === 'ready' && !stopped && last?.role === 'assistant';
  const waiting = finished && isAwaitingInput(last);
  const paused = finished && isPausedAtBudget(last);
  // The conversation's Robocoders session, from the latest answer's annotation.
  const sessionId = messages
    .map((message) => answerAnnotation(message)?.sessionId)
    .reduce((latest, id) => id ?? latest, undefined);

  // Tests and impatient people type before React hydrates; mark when the form is live.
  useEffect(() => setReady(true), []);

  useEffect(() => {
    // Follow the stream only while the person is at the bottom; never yank them back down.
    if (messages.length > 0 && followRef.current) endRef.current?.scrollIntoView({ block: 'end' });
  }, [messages]);

  function onConversationScroll(event: UIEvent<HTMLElement>) {
    const { scrollHeight, scrollTop, clientHeight } = event.currentTarget;
    followRef.current = scrollHeight - scrollTop - clientHeight < 80;
  }

  function send(event?: FormEvent) {
    event?.preventDefault();
    if (busy || input.trim().length === 0) return;
    setStopped(false);
    followRef.current = true;
    handleSubmit();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  function onStop() {
    stop();
    setStopped(true);
    inputRef.current?.focus();
  }

  function onRetry() {
    setStopped(false);
    void reload();
  }

  function onNewChat() {
    if (busy) stop();
    setStopped(false);
    setInput('');
    setChatId(newChatId());
    inputRef.current?.focus();
  }

  return (
    <main className="chat" data-ready={ready ? 'true' : 'false'} data-status={status}>
      <header className="toolbar">
        <h1 className="title">
          Robocoders <span className="title-muted">chat</span>
        </h1>
        <div className="controls">
          <div className="field">
            <label htmlFor={ids.agent}>Agent</label>
            <select
              id={ids.agent}
              name="agent"
              value={agent}
              onChange={(event) => setAgent(event.target.value as Agent)}
            >
              {AGENTS.map((id) => (
                <option key={id} value={id}>
                  {AGENT_LABELS[id]}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-check">
            <input
              id={ids.autoContinue}
              name="autoContinue"
              type="checkbox"
              checked={autoContinue}
              onChange={(event) => setAutoContinue(event.target.checked)}
            />
            <label
              htmlFor={ids.autoContinue}
              title="When the agent stops to wait or pauses, answer “continue” once on your behalf"
            >
              Auto-continue
            </label>
          </div>
          {sessionId !== undefined ? (
            <GetCode key={chatId} sessionId={sessionId} disabled={busy} />
          ) : null}
          <button type="button" className="button button-secondary" onClick={onNewChat}>
            New chat
          </button>
        </div>
      </header>

      <section className="conversation" aria-label="Conversation" onScroll={onConversationScroll}>
        {messages.length === 0 ? (
          <div className="empty">
            <p>Ask a coding agent to plan, write and explain code.</p>
            <ul className="examples">
              {EXAMPLES.map((example) => (
                <li key={example}>
                  <button
                    type="button"
                    className="button button-ghost"
                    onClick={() => {
                      setInput(example);
                      inputRef.current?.focus();
                    }}
                  >
                    {example}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <ol className="messages" aria-live="polite">
            {messages.map((message) => (
              <MessageView
                key={message.id}
                message={message}
                streaming={busy && message === last && message.role === 'assistant'}
              />
            ))}
          </ol>
        )}
        {status === 'submitted' ? <p className="status">Sending to the agent…</p> : null}
        {stopped && !busy ? (
          <p className="status status-stopped">Stopped. Send a message to go on.</p>
        ) : null}
        {waiting ? (
          <p className="status status-waiting" role="status">
            <span aria-hidden="true">●</span> The agent is waiting for your answer.
          </p>
        ) : null}
        {paused ? (
          <p className="status status-waiting" role="status">
            The agent paused after its step budget. Send “continue” to let it go on, or turn on
            Auto-continue.
          </p>
        ) : null}
        <div ref={endRef} />
      </section>

      {error ? (
        <ErrorBanner message={bannerText(error)} onRetry={onRetry} retryDisabled={busy} />
      ) : null}

      <form className="composer" onSubmit={send}>
        <label htmlFor={ids.input} className="visually-hidden">
          Message
        </label>
        <textarea
          id={ids.input}
          ref={inputRef}
          name="message"
          rows={2}
          value={input}
          onChange={handleInputChange}
          onKeyDown={onKeyDown}
          placeholder={waiting ? 'Answer the agent…' : 'Ask the agent…'}
          aria-describedby={ids.hint}
        />
        {busy ? (
          <button type="button" className="button button-stop" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="button" disabled={input.trim().length === 0}>
            Send
          </button>
        )}
        <p id={ids.hint} className="hint">
          Enter to send, Shift+Enter for a new line.
        </p>
      </form>
    </main>
  );
}
