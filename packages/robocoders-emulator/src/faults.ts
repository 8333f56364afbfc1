import {
  applyEdgeFault,
  checkEdgeFault,
  EDGE_STREAM_KINDS,
  type EdgeStreamFaults,
} from './edge-faults.js';
import type { FaultBehaviour, FaultEndpoint, FaultKind, FaultSpec } from './types.js';

/** The four API endpoints faults can target. */
export type ApiEndpoint = Exclude<FaultEndpoint, '*'>;

export const API_ENDPOINTS: readonly ApiEndpoint[] = [
  '/auth',
  '/create-session',
  '/chat',
  '/get-session-code',
];

const STREAM_KINDS: readonly FaultKind[] = [
  'malformed-lines',
  'byte-split',
  'sse',
  'slow-drip',
  'hold-open',
  'cut',
  ...EDGE_STREAM_KINDS,
];

const ALL_KINDS: readonly FaultKind[] = [
  ...STREAM_KINDS,
  'status',
  'revoke-tokens',
  'forget-session',
];

/** Defaults of the optional fault parameters. */
export const FAULT_DEFAULTS = {
  maxChunkBytes: 3,
  slowDripDelayMs: 100,
  cutAfterEvents: 2,
} as const;

/** How the stream of one `/chat` response is to be mangled. */
export interface StreamFaults extends EdgeStreamFaults {
  malformedLines: boolean;
  /** Largest piece of the body written at once, when set. */
  byteSplit?: number;
  sse: boolean;
  /** Pause between pieces of each event, when set. */
  slowDripMs?: number;
  holdOpen: boolean;
  /** Destroy the connection after this many events, when set. */
  cutAfterEvents?: number;
}

/** The faults that apply to one request. */
export interface ActiveFaults {
  status?: { status: number; body?: string | object; headers?: Record<string, string> };
  revokeTokens: boolean;
  forgetSession: boolean;
  stream: StreamFaults;
}

/** Whether a fault kind means anything for an endpoint; others do not consume the fault. */
function appliesTo(kind: FaultKind, endpoint: ApiEndpoint): boolean {
  if (STREAM_KINDS.includes(kind)) return endpoint === '/chat';
  if (kind === 'forget-session') return endpoint === '/chat' || endpoint === '/get-session-code';
  return true;
}

interface QueuedFault {
  spec: FaultSpec;
  matched: number;
  applied: number;
}

/** The queue behind `fault()`, `clearFaults()` and `POST /__emulator/faults`. */
export class FaultQueue {
  private queue: QueuedFault[] = [];

  add(spec: FaultSpec): void {
    this.queue.push({ spec: parseFaultSpec(spec), matched: 0, applied: 0 });
  }

  clear(): void {
    this.queue = [];
  }

  /** Counts this request against every matching fault and returns the ones that fire. */
  take(endpoint: ApiEndpoint): ActiveFaults {
    const active: ActiveFaults = {
      revokeTokens: false,
      forgetSession: false,
      stream: { malformedLines: false, sse: false, holdOpen: false },
    };
    for (const entry of this.queue) {
      const { spec } = entry;
      if (spec.endpoint !== '*' && spec.endpoint !== endpoint) continue;
      if (!appliesTo(spec.kind, endpoint)) continue;
      entry.matched += 1;
      if (entry.matched <= (spec.skip ?? 0)) continue;
      entry.applied += 1;
      apply(active, spec);
    }
    this.queue = this.queue.filter((entry) => entry.applied < (entry.spec.times ?? 1));
    return active;
  }
}

function apply(active: ActiveFaults, fault: FaultBehaviour): void {
  switch (fault.kind) {
    case 'status':
      // The first queued status fault wins: it decides the whole response.
      active.status ??= { status: fault.status, body: fault.body, headers: fault.headers };
      return;
    case 'revoke-tokens':
      active.revokeTokens = true;
      return;
    case 'forget-session':
      active.forgetSession = true;
      return;
    case 'malformed-lines':
      active.stream.malformedLines = true;
      return;
    case 'byte-split':
      active.stream.byteSplit = fault.maxChunkBytes ?? FAULT_DEFAULTS.maxChunkBytes;
      return;
    case 'sse':
      active.stream.sse = true;
      return;
    case 'slow-drip':
      active.stream.slowDripMs = fault.delayMs ?? FAULT_DEFAULTS.slowDripDelayMs;
      return;
    case 'hold-open':
      active.stream.holdOpen = true;
      return;
    case 'cut':
      active.stream.cutAfterEvents = fault.afterEvents ?? FAULT_DEFAULTS.cutAfterEvents;
      return;
    default:
      applyEdgeFault(active.stream, fault);
  }
}

/**
 * Checks a fault spec from an untyped source (JSON over HTTP, JavaScript callers) and returns a
 * copy. Throws a `TypeError` naming the first problem.
 */
export function parseFaultSpec(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('A fault spec must be an object');
  }
  const spec = input as Record<string, unknown>;
  const endpoint = spec.endpoint;
  if (endpoint !== '*' && !API_ENDPOINTS.includes(endpoint as ApiEndpoint)) {
    throw new TypeError(`Fault endpoint must be one of ${[...API_ENDPOINTS, '*'].join(', ')}`);
  }
  if (!ALL_KINDS.includes(spec.kind as FaultKind)) {
    throw new TypeError(`Fault kind must be one of ${ALL_KINDS.join(', ')}`);
  }
  if (endpoint !== '*' && !appliesTo(spec.kind as FaultKind, endpoint as ApiEndpoint)) {
    throw new TypeError(`Fault kind '${String(spec.kind)}' does not apply to ${String(endpoint)}`);
  }
  checkCount(spec, 'skip', 0);
  checkCount(spec, 'times', 1);
  switch (spec.kind) {
    case 'status': {
      const status = spec.status;
      if (typeof status !== 'number' || !Number.isInteger(status) || status < 200 || status > 599) {
        throw new TypeError('A status fault needs an integer status between 200 and 599');
      }
      if (
        spec.body !== undefined &&
        typeof spec.body !== 'string' &&
        typeof spec.body !== 'object'
      ) {
        throw new TypeError('A status fault body must be a string or a JSON value');
      }
      if (spec.headers !== undefined) checkHeaders(spec.headers);
      break;
    }
    case 'byte-split':
      checkCount(spec, 'maxChunkBytes', 1);
      break;
    case 'slow-drip':
      checkCount(spec, 'delayMs', 0);
      break;
    case 'cut':
      checkCount(spec, 'afterEvents', 0);
      break;
    default:
      checkEdgeFault(spec, checkCount);
  }
  return structuredClone(spec) as FaultSpec;
}

function checkCount(spec: Record<string, unknown>, key: string, min: number): void {
  const value = spec[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new TypeError(`Fault '${key}' must be an integer >= ${min}`);
  }
}

function checkHeaders(headers: unknown): void {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) {
    throw new TypeError('Fault headers must be an object of strings');
  }
  for (const value of Object.values(headers)) {
    if (typeof value !== 'string')
      throw new TypeError('Fault headers must be an object of strings');
  }
}
