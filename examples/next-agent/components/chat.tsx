'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport, type HttpChatTransportInitOptions } from 'ai';
import { useRouter } from 'next/navigation';
import {
  type KeyboardEvent,
  type SubmitEvent,
  type UIEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { type AgentUIMessage, sessionIdOf } from '@/lib/agent-message';
import { AGENT_OPTIONS, type AgentId } from '@/lib/agents';
import type { ChatSummary } from '@/lib/chat-store';
import { chatCost, formatTurnCost } from '@/lib/turn-cost';
import { GetCode } from './get-code';
import { MessageView } from './message-view';
import { RecentChats } from './recent-chats';

const EXAMPLES = [
  'Write a Python function that computes a factorial, with a test.',
  'Build a small Express server with a /health route.',
];

function alertText(error: Error): string {
  // A dropped connection to the app's own route surfaces as a bare fetch failure.
  if (error.message === 'Failed to fetch' || error.name === 'TypeError') {
    return 'Could not reach the app server. Check that it is still running, then retry.';
  }
  return error.message || 'Something went wrong.';
}

/**
 * The app's transport: only the new message goes up (the server holds the conversation), and a
 * turn is resumed from `GET /api/chat/<id>/stream`. When there is nothing to resume, `onGone`
 * hears it (the turn may have ended between the page's render and the request).
 */
class AgentChatTransport extends DefaultChatTransport<AgentUIMessage> {
  constructor(
    options: HttpChatTransportInitOptions<AgentUIMessage>,
    private readonly onGone: () => void,
  ) {
    super(options);
  }

  override async reconnectToStream(
    options: Parameters<DefaultChatTransport<AgentUIMessage>['reconnectToStream']>[0],
  ) {
    const stream = await super.reconnectToStream(options);
    if (stream === null) this.onGone();
    return stream;
  }
}

interface ChatProps {
  id: string;
  initialMessages: AgentUIMessage[];
  initialAgent: AgentId;
  recentChats: ChatSummary[];
  /** The chat's turn was running when the page was rendered: it is resumed. */
  turnRunning: boolean;
}

/** A chat with a coding agent: recent chats, toolbar, conversation, alerts and composer. */
export function Chat({ id, initialMessages, initialAgent, recentChats, turnRunning }: ChatProps) {
  const router = useRouter();
  const [agent, setAgent] = useState<AgentId>(initialAgent);
  const [input, setInput] = useState('');
  const [stopping, setStopping] = useState(false);
  const [ready, setReady] = useState(false);
  const [recent, setRecent] = useState(recentChats);
  const agentRef = useRef(agent);
  agentRef.current = agent;
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const followRef = useRef(true);
  const ids = { agent: useId(), input: useId(), hint: useId() };

  const turnRunningRef = useRef(turnRunning);
  const setMessagesRef = useRef<(messages: AgentUIMessage[]) => void>(() => {});

  const [transport] = useState(
    () =>
      new AgentChatTransport(
        {
          api: '/api/chat',
          prepareSendMessagesRequest: ({ id: chatId, messages, trigger }) => ({
            body:
              trigger === 'submit-message'
                ? { id: chatId, trigger, agent: agentRef.current, message: messages.at(-1) }
                : { id: chatId, trigger, agent: agentRef.current },
          }),
        },
        () => {
          // The turn the page was rendered with ended before it could be resumed: its final
          // answer is in the store.
          if (!turnRunningRef.current) return;
          turnRunningRef.current = false;
          void fetch(`/api/chats/${id}`)
            .then((response) => (response.ok ? response.json() : undefined))
            .then((chat?: { messages: AgentUIMessage[] }) => {
              if (chat) setMessagesRef.current(chat.messages);
            })
            .catch(() => {
              // The answer shows as far as the page had it; a reload shows the rest.
            });
        },
      ),
  );

  const { messages, setMessages, sendMessage, status, stop, regenerate, error } =
    useChat<AgentUIMessage>({
      id,
      messages: initialMessages,
      transport,
      // A turn runs on the server whether or not a page reads it: a page opened on a running
      // turn picks it up again. Only then: a resume request in flight while the person sends a
      // message would race it.
      resume: turnRunning,
      onFinish: () => {
        void fetch('/api/chats')
          .then((response) => (response.ok ? response.json() : undefined))
          .then((chats: ChatSummary[] | undefined) => chats && setRecent(chats))
          .catch(() => {
            // The list refreshes on the next answer or page load; the answer itself is complete.
          });
      },
    });

  setMessagesRef.current = setMessages;

  const busy = status === 'submitted' || status === 'streaming';
  const last = messages.at(-1);
  const stopped = !busy && last?.role === 'assistant' && last.metadata?.stopped === true;
  const finished = status === 'ready' && !stopped && last?.role === 'assistant';
  const waiting = finished && last.metadata?.awaitingInput === true;
  const sessionId = sessionIdOf(messages);
  const total = formatTurnCost(chatCost(messages));

  // A Stop asked for is done once the stream has ended.
  useEffect(() => {
    if (!busy) setStopping(false);
  }, [busy]);

  // Typing before hydration would submit the form natively; mark when the page is live.
  useEffect(() => setReady(true), []);

  useEffect(() => {
    // Follow the stream only while the person is at the bottom; never yank them back down.
    if (messages.length > 0 && followRef.current) endRef.current?.scrollIntoView({ block: 'end' });
  }, [messages]);

  function onConversationScroll(event: UIEvent<HTMLElement>) {
    const { scrollHeight, scrollTop, clientHeight } = event.currentTarget;
    followRef.current = scrollHeight - scrollTop - clientHeight < 80;
  }

  function send(event?: SubmitEvent<HTMLFormElement>) {
    event?.preventDefault();
    const text = input.trim();
    if (busy || text.length === 0) return;
    setInput('');
    followRef.current = true;
    void sendMessage({ text });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  }

  async function onStop() {
    // The turn runs on the server: Stop asks it to stop there, and the answer's stream then
    // ends by itself, marked stopped. Only if the server cannot be asked does the page just
    // stop reading.
    setStopping(true);
    inputRef.current?.focus();
    try {
      const response = await fetch(`/api/chat/${id}/stop`, { method: 'POST' });
      // 409: the turn ended meanwhile, and its stream is ending too.
      if (!response.ok && response.status !== 409) void stop();
    } catch {
      void stop();
    }
  }

  function onRetry() {
    void regenerate();
  }

  function onNewChat() {
    // Leaving does not stop the agent: this chat's turn goes on and shows when it is reopened.
    if (busy) void stop();
    router.push(`/chat/${crypto.randomUUID()}`);
  }

  return (
    <div className="app">
      <RecentChats chats={recent} currentId={id} />
      <main
        className="chat"
        data-ready={ready ? 'true' : 'false'}
        data-status={status}
        data-session-id={sessionId}
      >
        <header className="toolbar">
          <h1 className="title">
            Robocoders <span className="title-muted">agent</span>
          </h1>
          <div className="controls">
            <div className="field">
              <label htmlFor={ids.agent}>Agent</label>
              <select
                id={ids.agent}
                name="agent"
                value={agent}
                onChange={(event) => setAgent(event.target.value as AgentId)}
              >
                {AGENT_OPTIONS.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
            <GetCode chatId={id} hasSession={sessionId !== undefined && !busy} />
            <button type="button" className="button button-secondary" onClick={onNewChat}>
              New chat
            </button>
          </div>
        </header>

        <section className="conversation" aria-label="Conversation" onScroll={onConversationScroll}>
          {messages.length === 0 ? (
            <div className="empty">
              <p>Ask a coding agent to plan, write and run code. Each step it takes shows here.</p>
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
            <ol className="messages">
              {messages.map((message) => (
                <MessageView
                  key={message.id}
                  message={message}
                  answering={busy && message === last && message.role === 'assistant'}
                />
              ))}
            </ol>
          )}
          {total ? (
            <p className="chat-cost">
              <span className="visually-hidden">What this chat cost so far: </span>
              <span aria-hidden="true">This chat so far: </span>
              {total}
            </p>
          ) : null}
          {status === 'submitted' ? <p className="status">Sending to the agent…</p> : null}
          {stopped && !busy ? <p className="status">Stopped. Send a message to go on.</p> : null}
          {waiting ? (
            <p className="status status-waiting" role="status">
              <span aria-hidden="true">●</span> The agent is waiting for your answer.
            </p>
          ) : null}
          <div ref={endRef} />
        </section>

        {error ? (
          <div className="error-banner" role="alert">
            <p>{alertText(error)}</p>
            <button type="button" className="button" onClick={onRetry} disabled={busy}>
              Retry
            </button>
          </div>
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
            onChange={(event) => setInput(event.target.value)}
            onKeyDown={onKeyDown}
            placeholder={waiting ? 'Answer the agent…' : 'Ask the agent…'}
            aria-describedby={ids.hint}
          />
          {busy ? (
            <button
              type="button"
              className="button button-stop"
              onClick={() => void onStop()}
              disabled={stopping}
            >
              {stopping ? 'Stopping…' : 'Stop'}
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
    </div>
  );
}
