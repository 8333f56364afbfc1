'use client';

import { useChat } from '@ai-sdk/react';
import { DefaultChatTransport, type HttpChatTransportInitOptions } from 'ai';
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
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
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
  const [recent, setRecent] = useState(recentChats);
  const agentRef = useRef(agent);
  agentRef.current = agent;
  const inputRef = useRef<HTMLTextAreaElement>(null);

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

  const ready = useHydrated();
  const scroll = useFollowScroll(messages);

  function send() {
    const text = input.trim();
    if (busy || text.length === 0) return;
    setInput('');
    scroll.follow();
    void sendMessage({ text });
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
            <AgentField value={agent} options={AGENT_OPTIONS} onChange={setAgent} />
            <GetCode chatId={id} hasSession={sessionId !== undefined && !busy} />
            <button type="button" className="button button-secondary" onClick={onNewChat}>
              New chat
            </button>
          </div>
        </header>

        <section className="conversation" aria-label="Conversation" onScroll={scroll.onScroll}>
          {messages.length === 0 ? (
            <ExamplePrompts
              intro="Ask a coding agent to plan, write and run code. Each step it takes shows here."
              examples={EXAMPLES}
              onPick={(example) => {
                setInput(example);
                inputRef.current?.focus();
              }}
            />
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
          <ChatStatus sending={status === 'submitted'} stopped={stopped} waiting={waiting} />
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
          onStop={() => void onStop()}
          stopping={stopping}
          waiting={waiting}
          inputRef={inputRef}
        />
      </main>
    </div>
  );
}
