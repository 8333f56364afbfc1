import type { RobocodersUsage } from './usage-accumulator';

/**
 * Why a turn ended, in the vocabulary every AI SDK spec version shares:
 * - `stop`: the agent finished or waits for the user (see `awaitingInput`);
 * - `length`: the agent paused at its step budget and no continuation was left;
 * - `error`: the stream broke, stayed silent or sent an oversized event (always after an
 *   `error` part);
 * - `other`: the agent rejected the task;
 * - `unknown`: the stream ended without a terminal event.
 */
export type RobocodersFinishReason = 'stop' | 'length' | 'error' | 'other' | 'unknown';

/** The finish reason of a call until its `finish` part says otherwise. */
export const DEFAULT_FINISH_REASON: RobocodersFinishReason = 'unknown';

/**
 * Where the text of the agent's steps that are not shown as tool parts goes: `text` (the
 * answer, as the seed client shows it) or `reasoning` (rendered as Markdown, apart from what the
 * agent says to the user).
 */
export type RobocodersStepText = 'text' | 'reasoning';

// Types rather than interfaces: object types are assignable to the specs' JSON metadata.
/** Why an automatic continuation failed; the answer before it stands. Never holds the token. */
export type RobocodersContinuationError = {
  /** The HTTP status the continuation got, when it got an error status. */
  statusCode?: number;
  message: string;
};

/** What the core knows about a finished turn; exposed as `providerMetadata.robocoders`. */
export type RobocodersMetadata = {
  /** The session the turn ran in; pass it as `sessionId` to continue there. */
  sessionId: string;
  /** The agent that answered. */
  agent: string;
  /** How many automatic continuations were sent. */
  continuations: number;
  /** The agent ended by waiting for the user's answer. */
  awaitingInput: boolean;
  /** Lines of the event stream that were not valid events and were skipped. */
  skippedLines: number;
  /** The id of the last event received, or `null` when none arrived. */
  lastEventId: number | null;
  /**
   * Set when an automatic continuation failed before its first event: the call still
   * finishes with the answer so far and the finish reason the turn had before it.
   */
  continuationError?: RobocodersContinuationError;
  /** What the call cost in US dollars, when the service reported it (OpenHands `llm_metrics`). */
  costUsd?: number;
};

/** The parts of a text or reasoning block, passed as they are from the core to every spec. */
export type RobocodersBlockPart =
  | { type: 'text-start'; id: string }
  | { type: 'text-delta'; id: string; delta: string }
  | { type: 'text-end'; id: string }
  | { type: 'reasoning-start'; id: string }
  | { type: 'reasoning-delta'; id: string; delta: string }
  | { type: 'reasoning-end'; id: string };

/**
 * The neutral output of the transport core, the one part type up to the spec adapters, which
 * map these to their own stream parts; nothing here depends on a spec version. Text and
 * reasoning come in blocks (`*-start`, deltas, `*-end`); no block starts with a blank line, and
 * one that follows another of its kind is joined to it by whoever needs one string (V1).
 */
export type RobocodersPart =
  | { type: 'response-metadata'; sessionId: string; agent: string; timestamp: Date }
  | RobocodersBlockPart
  | { type: 'action'; id: string; action: string; args: Record<string, unknown> }
  | {
      type: 'observation';
      id: string;
      causeId?: string;
      observation: string;
      content: string;
      extras: Record<string, unknown>;
      isError: boolean;
    }
  | { type: 'raw'; event: unknown }
  | { type: 'error'; error: unknown }
  | {
      type: 'finish';
      finishReason: RobocodersFinishReason;
      /** The agent-level reason, e.g. `awaiting_user_input`, `max_iterations`, `stream_error`. */
      rawFinishReason: string;
      /** The call's token counts, when the service reported them. */
      usage?: RobocodersUsage;
      metadata: RobocodersMetadata;
    };
