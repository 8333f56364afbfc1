'use client';

import {
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  type SubmitEvent,
  type UIEvent,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';

/** Enter sends; Shift+Enter is a new line, and an IME composition is not a message yet. */
export function isSendKey(
  event: Pick<KeyboardEvent, 'key' | 'shiftKey'> & { isComposing: boolean },
) {
  return event.key === 'Enter' && !event.shiftKey && !event.isComposing;
}

/** Whether the page has hydrated: typing before it would submit the form natively. */
export function useHydrated(): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return ready;
}

/**
 * Follows a streaming conversation only while the person is at its bottom, never pulling them
 * back down: put `onScroll` on the scrolling element and `endRef` after its last child; `follow()`
 * when the person sends.
 */
export function useFollowScroll(content: unknown) {
  const endRef = useRef<HTMLDivElement>(null);
  const followRef = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls each time the content changes
  useEffect(() => {
    if (followRef.current) endRef.current?.scrollIntoView({ block: 'end' });
  }, [content]);
  return {
    endRef,
    onScroll(event: UIEvent<HTMLElement>) {
      const { scrollHeight, scrollTop, clientHeight } = event.currentTarget;
      followRef.current = scrollHeight - scrollTop - clientHeight < 80;
    },
    follow() {
      followRef.current = true;
    },
  };
}

/** The agent picker of the toolbar (base.css: `.field`). */
export function AgentField<Id extends string>({
  value,
  options,
  onChange,
}: {
  value: Id;
  options: readonly { id: Id; label: string }[];
  onChange: (id: Id) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Agent</label>
      <select
        id={id}
        name="agent"
        value={value}
        onChange={(event) => onChange(event.target.value as Id)}
      >
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** An empty conversation: what to ask, and example prompts that fill the composer. */
export function ExamplePrompts({
  intro,
  examples,
  onPick,
}: {
  intro: string;
  examples: readonly string[];
  onPick: (example: string) => void;
}) {
  return (
    <div className="empty">
      <p>{intro}</p>
      <ul className="examples">
        {examples.map((example) => (
          <li key={example}>
            <button type="button" className="button button-ghost" onClick={() => onPick(example)}>
              {example}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The status lines under a conversation: sending, stopped, waiting for the person, and more. */
export function ChatStatus({
  sending,
  stopped,
  waiting,
  children,
}: {
  sending: boolean;
  stopped: boolean;
  waiting: boolean;
  children?: ReactNode;
}) {
  return (
    <>
      {sending ? <p className="status">Sending to the agent…</p> : null}
      {stopped ? <p className="status status-stopped">Stopped. Send a message to go on.</p> : null}
      {waiting ? (
        <p className="status status-waiting" role="status">
          <span aria-hidden="true">●</span> The agent is waiting for your answer.
        </p>
      ) : null}
      {children}
    </>
  );
}

export interface ComposerProps {
  value: string;
  onValueChange: (value: string) => void;
  /** Enter or Send; the app decides whether there is something to send. */
  onSend: () => void;
  busy: boolean;
  onStop: () => void;
  /** Stop was pressed and the answer has not ended yet. */
  stopping?: boolean;
  /** The agent waits for an answer: the placeholder says so. */
  waiting: boolean;
  inputRef: RefObject<HTMLTextAreaElement | null>;
}

/** The message box with Send (or Stop while the agent answers) and its keyboard hint. */
export function Composer(props: ComposerProps) {
  const { value, busy, stopping = false } = props;
  const ids = { input: useId(), hint: useId() };
  function onSubmit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    props.onSend();
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (isSendKey({ ...event, isComposing: event.nativeEvent.isComposing })) {
      event.preventDefault();
      props.onSend();
    }
  }
  return (
    <form className="composer" onSubmit={onSubmit}>
      <label htmlFor={ids.input} className="visually-hidden">
        Message
      </label>
      <textarea
        id={ids.input}
        ref={props.inputRef}
        name="message"
        rows={2}
        value={value}
        onChange={(event) => props.onValueChange(event.target.value)}
        onKeyDown={onKeyDown}
        placeholder={props.waiting ? 'Answer the agent…' : 'Ask the agent…'}
        aria-describedby={ids.hint}
      />
      {busy ? (
        <button
          type="button"
          className="button button-stop"
          onClick={props.onStop}
          disabled={stopping}
        >
          {stopping ? 'Stopping…' : 'Stop'}
        </button>
      ) : (
        <button type="submit" className="button" disabled={value.trim().length === 0}>
          Send
        </button>
      )}
      <p id={ids.hint} className="hint">
        Enter to send, Shift+Enter for a new line.
      </p>
    </form>
  );
}
