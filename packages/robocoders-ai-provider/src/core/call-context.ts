/** Collects a call's warnings (each is also the logger's warning). */
export type Warn = (message: string) => void;

/** The per-call state every request of a call shares, built once per call. */
export interface CallContext {
  /** Extra headers for this call's requests. */
  headers: Record<string, string | undefined> | undefined;
  signal: AbortSignal | undefined;
  /** The call's warning collector (also the logger's warning). */
  warn: Warn;
}

/** What a call's warnings go to: the logger, and the text the call reports (token-free). */
export interface WarningSink {
  warn(message: string): void;
  redact(text: string): string;
}

/**
 * A call's context with a collector for its warnings: each is logged and kept, redacted, for
 * the call's result.
 */
export function collectingCallContext(
  headers: CallContext['headers'],
  signal: AbortSignal | undefined,
  sink: WarningSink,
): { context: CallContext; warnings: string[] } {
  const warnings: string[] = [];
  const warn: Warn = (message) => {
    warnings.push(sink.redact(message));
    sink.warn(message);
  };
  return { context: { headers, signal, warn }, warnings };
}
