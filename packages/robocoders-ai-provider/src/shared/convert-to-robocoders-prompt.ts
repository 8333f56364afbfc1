import { invalidPromptError, unsupportedFunctionalityError } from '../core/caller-errors';
import { inlineTextFile, type RobocodersFilePart } from './inline-text-file';

/**
 * The fields of a prompt part this module reads. AI SDK prompt parts of every spec version
 * are assignable to it (V1 `args`/`result`, V2+ `input`/`output`), so all adapters share it.
 */
export interface RobocodersPromptPart extends RobocodersFilePart {
  readonly type: string;
  readonly text?: string;
  readonly toolName?: string;
  readonly args?: unknown;
  readonly input?: unknown;
  readonly result?: unknown;
  readonly output?: unknown;
  /** V2+: the part's provider options, where a UI hands back our part metadata. */
  readonly providerOptions?: unknown;
  /** V1's name for the same. */
  readonly providerMetadata?: unknown;
}

/** A prompt message, structurally compatible with the AI SDK's prompt messages. */
export interface RobocodersPromptMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  readonly content: string | ReadonlyArray<RobocodersPromptPart>;
}

const ROLE_LABELS = { system: 'System', user: 'User', assistant: 'Assistant', tool: 'Tool' };

function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// Robocoders takes text only. Tool calls and results from another model's earlier turns are
// kept as readable text so the agent still sees what happened; media cannot be represented.
function renderPart(part: RobocodersPromptPart): string | undefined {
  switch (part.type) {
    case 'text':
      return part.text;
    case 'reasoning':
    case 'redacted-reasoning':
      // A model's private reasoning is not part of the conversation the agent should answer.
      return undefined;
    case 'tool-call':
      return `[tool call ${part.toolName}: ${stringify(part.args ?? part.input ?? {})}]`;
    case 'tool-result':
      return `[tool result ${part.toolName}: ${stringify(part.result ?? part.output)}]`;
    case 'image':
    case 'file':
      // Text files go into the prompt; images and other binary files throw.
      return inlineTextFile(part);
    default:
      throw unsupportedFunctionalityError(
        `${part.type} parts`,
        `Robocoders agents accept text only; "${part.type}" prompt parts are not supported.`,
      );
  }
}

function messageText(message: RobocodersPromptMessage): string {
  if (typeof message.content === 'string') return message.content;
  const texts: string[] = [];
  for (const part of message.content) {
    const text = renderPart(part);
    if (text !== undefined && text !== '') texts.push(text);
  }
  return texts.join('\n');
}

/**
 * Checks that every part of the prompt can be sent, before any request is made.
 *
 * @throws UnsupportedFunctionalityError for images, binary files and unknown parts;
 * InvalidPromptError for a text file over the size bound (see inline-text-file.ts).
 */
export function assertSupportedPrompt(prompt: ReadonlyArray<RobocodersPromptMessage>): void {
  for (const message of prompt) messageText(message);
}

/**
 * The whole conversation as one prompt, for a session that has not seen it, flattened as the
 * seed client does: system messages first; a single message is sent as its text alone;
 * several become `Role: content` lines followed by a final `Assistant:` line.
 *
 * @throws InvalidPromptError when no message has any text.
 */
export function convertToRobocodersPrompt(prompt: ReadonlyArray<RobocodersPromptMessage>): string {
  const ordered = [
    ...prompt.filter((message) => message.role === 'system'),
    ...prompt.filter((message) => message.role !== 'system'),
  ];
  const lines: string[] = [];
  let single = '';
  for (const message of ordered) {
    const text = messageText(message);
    if (text === '') continue;
    single = text;
    lines.push(`${ROLE_LABELS[message.role]}: ${text}`);
  }
  if (lines.length === 0) {
    throw invalidPromptError(prompt, 'the prompt contains no text to send.');
  }
  return lines.length === 1 ? single : `${lines.join('\n')}\nAssistant:`;
}

function lastAssistantIndex(prompt: ReadonlyArray<RobocodersPromptMessage>): number {
  for (let index = prompt.length - 1; index >= 0; index--) {
    if (prompt[index].role === 'assistant') return index;
  }
  return -1;
}

/**
 * Only what the session has not seen, for a session that already holds the conversation: the
 * texts of the user turns (and tool results, if any) after the last assistant message,
 * separated by a blank line. With `since` (the message that named a session from the
 * history), what follows that message; if another model answered after it, those turns go as
 * a conversation (`Role: content` lines). System messages are not repeated.
 *
 * @throws InvalidPromptError when nothing with text follows.
 */
export function convertToRobocodersNewTurns(
  prompt: ReadonlyArray<RobocodersPromptMessage>,
  since?: number,
): string {
  const start = (since ?? lastAssistantIndex(prompt)) + 1;
  // A reused session already holds the conversation, system prompt included.
  const unseen = prompt.slice(start).filter((message) => message.role !== 'system');
  if (unseen.some((message) => message.role === 'assistant')) {
    return convertToRobocodersPrompt(unseen);
  }
  const texts: string[] = [];
  for (const message of unseen) {
    const text = messageText(message);
    if (text !== '') texts.push(text);
  }
  if (texts.length === 0) {
    throw invalidPromptError(
      prompt,
      'a reused Robocoders session needs at least one user message after the last assistant message.',
    );
  }
  return texts.join('\n\n');
}
