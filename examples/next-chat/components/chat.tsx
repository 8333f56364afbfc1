'use client';

import { useChat } from '@ai-sdk/react';
import {
  AgentField,
  ChatStatus,
  Composer,
  ExamplePrompts,
  useFollowScroll,
  useHydrated,
} from 'example-support/chat-parts';
import { ErrorBanner } from 'example-support/error-banner';
import { chatAlertText } from 'example-support/error-message';
import { useId, useRef, useState } from 'react';
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

/** The whole chat: toolbar, conversation, error banner and composer. */
export function Chat() {
  const [chatId, setChatId] = useState(newChatId);
  const [agent, setAgent] = useState<Agent>(DEFAULT_AGENT);
  // Off by default: in a chat the person is there to answer the agent's question themselves.
  const [autoContinue, setAutoContinue] = useState(false);
  const [stopped, setStopped] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const autoContinueId = useId();

  const { messages, input, setInput, handleSubmit, status, stop, reload, error } = useChat({
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

  const ready = useHydrated();
  const scroll = useFollowScroll(messages);

  function send() {
    if (busy || input.trim().length === 0) return;
    setStopped(false);
    scroll.follow();
    handleSubmit();
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
          <AgentField
            value={agent}
            options={AGENTS.map((id) => ({ id, label: AGENT_LABELS[id] }))}
            onChange={setAgent}
          />
          <div className="field field-check">
            <input
              id={autoContinueId}
              name="autoContinue"
              type="checkbox"
              checked={autoContinue}
              onChange={(event) => setAutoContinue(event.target.checked)}
            />
            <label
              htmlFor={autoContinueId}
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

      <section className="conversation" aria-label="Conversation" onScroll={scroll.onScroll}>
        {messages.length === 0 ? (
          <ExamplePrompts
            intro="Ask a coding agent to plan, write and explain code."
            examples={EXAMPLES}
            onPick={(example) => {
              setInput(example);
              inputRef.current?.focus();
            }}
          />
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
        <ChatStatus sending={status === 'submitted'} stopped={stopped && !busy} waiting={waiting}>
          {paused ? (
            <p className="status status-waiting" role="status">
              The agent paused after its step budget. Send “continue” to let it go on, or turn on
              Auto-continue.
            </p>
          ) : null}
        </ChatStatus>
        <div ref={scroll.endRef} />
      </section>

      {error ? (
        <ErrorBanner message={chatAlertText(error)} onRetry={onRetry} retryDisabled={busy} />
      ) : null}

      <Composer
        value={input}
        onValueChange={setInput}
        onSend={send}
        busy={busy}
        onStop={onStop}
        waiting={waiting}
        inputRef={inputRef}
      />
    </main>
  );
}
