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
