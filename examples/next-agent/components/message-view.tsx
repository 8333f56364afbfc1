'use client';

import type { DynamicToolUIPart } from 'ai';
import type { AgentUIMessage } from '@/lib/agent-message';
import { costOf, formatTurnCost } from '@/lib/turn-cost';
import { Markdown } from './markdown';
import { StepRow } from './step-row';

type Block =
  | { kind: 'text'; key: string; text: string }
  | { kind: 'thought'; key: string; text: string }
  | { kind: 'steps'; key: string; steps: DynamicToolUIPart[] };

/** The parts of an answer in order, with consecutive steps gathered into one list. */
export function blocksOf(message: AgentUIMessage): Block[] {
  const blocks: Block[] = [];
  message.parts.forEach((part, index) => {
    const key = `${message.id}-${index}`;
    const last = blocks.at(-1);
    if (part.type === 'dynamic-tool') {
      if (last?.kind === 'steps') last.steps.push(part);
      else blocks.push({ kind: 'steps', key, steps: [part] });
    } else if (part.type === 'text' && part.text.trim()) {
      blocks.push({ kind: 'text', key, text: part.text });
    } else if (part.type === 'reasoning' && part.text.trim()) {
      blocks.push({ kind: 'thought', key, text: part.text });
    }
  });
  return blocks;
}

interface MessageViewProps {
  message: AgentUIMessage;
  /** This answer is still streaming in. */
  answering: boolean;
}

/** One turn: the person's text, or the agent's thoughts, steps and Markdown answer in order. */
export function MessageView({ message, answering }: MessageViewProps) {
  if (message.role === 'user') {
    const text = message.parts.flatMap((part) => (part.type === 'text' ? [part.text] : []));
    return (
      <li className="message message-user" data-role="user">
        <span className="message-author">You</span>
        <div className="message-user-text">{text.join('\n')}</div>
      </li>
    );
  }
  const blocks = blocksOf(message);
  const cost = answering ? undefined : formatTurnCost(costOf(message.metadata));
  return (
    <li
      className="message message-assistant"
      data-role="assistant"
      data-finish-reason={message.metadata?.finishReason}
      data-stopped={message.metadata?.stopped ? 'true' : undefined}
      aria-busy={answering}
    >
      <span className="message-author">Agent</span>
      {blocks.map((block) => {
        if (block.kind === 'text') {
          return (
            <div key={block.key} className="answer">
              <Markdown text={block.text} />
            </div>
          );
        }
        if (block.kind === 'thought') {
          return (
            <div key={block.key} className="thought">
              <span className="visually-hidden">The agent thinks: </span>
              <Markdown text={block.text} />
            </div>
          );
        }
        return (
          <ol key={block.key} className="steps" aria-label="Agent steps">
            {block.steps.map((step) => (
              <StepRow key={step.toolCallId} part={step} answering={answering} />
            ))}
          </ol>
        );
      })}
      {answering && blocks.length === 0 ? (
        <p className="answer-pending">The agent is working…</p>
      ) : null}
      {!answering && message.metadata?.stopped ? (
        <p className="answer-end">Stopped here: the agent's work on this turn was cancelled.</p>
      ) : null}
      {!answering && message.metadata?.failed ? (
        <p className="answer-end">This turn ended with an error.</p>
      ) : null}
      {cost ? (
        <p className="turn-cost">
          <span className="visually-hidden">What this turn cost: </span>
          {cost}
        </p>
      ) : null}
    </li>
  );
}
