'use client';

import type { UIMessage } from 'ai';
import { Markdown } from 'example-support/markdown';
import { type AnswerAnnotation, isAnswerAnnotation } from '@/lib/chat-request';
import { Thinking } from './thinking';

/** Joins a message's text parts; parts split by reasoning still read as separate paragraphs. */
export function answerText(message: UIMessage): string {
  let out = '';
  for (const part of message.parts) {
    if (part.type !== 'text' || part.text.length === 0) continue;
    if (out.length > 0 && !out.endsWith('\n') && !part.text.startsWith('\n')) out += '\n\n';
    out += part.text;
  }
  return out;
}

/** All reasoning parts of a message, one paragraph each. */
export function reasoningText(message: UIMessage): string {
  return message.parts
    .flatMap((part) => (part.type === 'reasoning' ? [part.reasoning.trim()] : []))
    .filter((text) => text.length > 0)
    .join('\n\n');
}

/** The route's annotation on an answer, once the answer has finished. */
export function answerAnnotation(message: UIMessage): AnswerAnnotation | undefined {
  for (const annotation of message.annotations ?? []) {
    if (isAnswerAnnotation(annotation)) return annotation;
  }
  return undefined;
}

/** Whether the agent ended this answer waiting for the user (from the route's annotation). */
export function isAwaitingInput(message: UIMessage): boolean {
  return answerAnnotation(message)?.awaitingInput === true;
}

/** Whether the agent paused at its step budget and nothing continued it. */
export function isPausedAtBudget(message: UIMessage): boolean {
  return answerAnnotation(message)?.finishReason === 'length';
}

interface MessageViewProps {
  message: UIMessage;
  /** This is the answer being streamed right now. */
  streaming: boolean;
}

/** One chat turn: the user's text, or the agent's thinking and Markdown answer. */
export function MessageView({ message, streaming }: MessageViewProps) {
  if (message.role === 'user') {
    return (
      <li className="message message-user" data-role="user">
        <span className="message-author">You</span>
        <div className="message-user-text">{message.content}</div>
      </li>
    );
  }
  const reasoning = reasoningText(message);
  const text = answerText(message);
  return (
    <li
      className="message message-assistant"
      data-role="assistant"
      data-finish-reason={answerAnnotation(message)?.finishReason}
      aria-busy={streaming}
    >
      <span className="message-author">Agent</span>
      {reasoning ? <Thinking text={reasoning} streaming={streaming} /> : null}
      {text ? (
        <div className="answer">
          <Markdown text={text} />
        </div>
      ) : streaming ? (
        <p className="answer-pending">The agent is working…</p>
      ) : null}
    </li>
  );
}
