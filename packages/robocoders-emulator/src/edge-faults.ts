import type { FaultBehaviour, FaultKind } from './types.js';

/**
 * The stream faults of the turn's edges (issue 13): a body framed unlike its content type, a
 * step-budget pause announced only by the error observation, a stream gone silent, a line that
 * never ends, and the OpenHands envelope events on demand.
 */
export const EDGE_STREAM_KINDS = [
  'mislabelled-framing',
  'pause-error-only',
  'stall',
  'endless-line',
  'openhands-envelope',
] as const satisfies readonly FaultKind[];

/** Defaults of the optional parameters of the edge faults. */
export const EDGE_FAULT_DEFAULTS = {
  stallAfterEvents: 1,
  endlessAfterEvents: 1,
  /** Past this the emulator gives up on a client that keeps reading, and cuts. */
  endlessMaxBytes: 1024 ** 3,
} as const;

/** The edge part of the stream faults of one `/chat` response. */
export interface EdgeStreamFaults {
  /** Send the other framing's content type (or this one). */
  mislabelled?: { contentType?: string };
  /** On a step-budget pause: no `agent_state_changed: paused`, and the stream stays open. */
  pauseErrorOnly?: boolean;
  /** Go silent, connection open, after this many events. */
  stallAfterEvents?: number;
  /** After this many events, stream bytes without a newline. */
  endlessLine?: { afterEvents: number; maxBytes: number };
  /** Stream the user echo, state changes and null observations (see `openHandsEnvelope`). */
  openHandsEnvelope?: boolean;
}

type EdgeBehaviour = Extract<FaultBehaviour, { kind: (typeof EDGE_STREAM_KINDS)[number] }>;

export function applyEdgeFault(stream: EdgeStreamFaults, fault: EdgeBehaviour): void {
  switch (fault.kind) {
    case 'mislabelled-framing':
      stream.mislabelled =
        fault.contentType === undefined ? {} : { contentType: fault.contentType };
      return;
    case 'pause-error-only':
      stream.pauseErrorOnly = true;
      return;
    case 'stall':
      stream.stallAfterEvents = fault.afterEvents ?? EDGE_FAULT_DEFAULTS.stallAfterEvents;
      return;
    case 'endless-line':
      stream.endlessLine = {
        afterEvents: fault.afterEvents ?? EDGE_FAULT_DEFAULTS.endlessAfterEvents,
        maxBytes: fault.maxBytes ?? EDGE_FAULT_DEFAULTS.endlessMaxBytes,
      };
      return;
    case 'openhands-envelope':
      stream.openHandsEnvelope = true;
      return;
  }
}

/** Checks the parameters of an edge fault; throws a `TypeError` naming the problem. */
export function checkEdgeFault(
  spec: Record<string, unknown>,
  checkCount: (spec: Record<string, unknown>, key: string, min: number) => void,
): void {
  switch (spec.kind) {
    case 'mislabelled-framing':
      if (
        spec.contentType !== undefined &&
        (typeof spec.contentType !== 'string' ||
          !/^[\x21-\x7e][\x20-\x7e]*$/.test(spec.contentType))
      ) {
        throw new TypeError("Fault 'contentType' must be a non-empty header value");
      }
      return;
    case 'stall':
      checkCount(spec, 'afterEvents', 0);
      return;
    case 'endless-line':
      checkCount(spec, 'afterEvents', 0);
      checkCount(spec, 'maxBytes', 1);
      return;
  }
}

/** The names of the active edge faults, for `X-Emulator-Faults`. */
export function describeEdgeFaults(faults: EdgeStreamFaults): string[] {
  const names: string[] = [];
  if (faults.mislabelled) names.push('mislabelled-framing');
  if (faults.pauseErrorOnly) names.push('pause-error-only');
  if (faults.stallAfterEvents !== undefined) names.push('stall');
  if (faults.endlessLine) names.push('endless-line');
  if (faults.openHandsEnvelope) names.push('openhands-envelope');
  return names;
}
