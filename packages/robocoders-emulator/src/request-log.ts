import type { RequestLogEntry } from './types.js';

/** Entries kept; the oldest are dropped beyond this so a long benchmark stays bounded. */
export const MAX_REQUEST_LOG_ENTRIES = 10_000;

/** The request log behind `requests` and `GET /__emulator/requests`. */
export class RequestLog {
  private items: RequestLogEntry[] = [];
  private nextId = 1;

  constructor(private readonly maxEntries = MAX_REQUEST_LOG_ENTRIES) {}

  get entries(): readonly RequestLogEntry[] {
    return this.items;
  }

  /** Adds an entry for a request that just arrived; the caller fills it in as it goes. */
  start(method: string, path: string, bearer: string | null): RequestLogEntry {
    const entry: RequestLogEntry = {
      id: this.nextId++,
      method,
      path,
      bearer,
      body: null,
      status: 0,
      clientAborted: false,
      startedAt: Date.now(),
    };
    this.items.push(entry);
    if (this.items.length > this.maxEntries)
      this.items.splice(0, this.items.length - this.maxEntries);
    return entry;
  }

  clear(): void {
    this.items = [];
  }
}

/** The token of an `Authorization: Bearer <token>` header, or `null`. */
export function bearerOf(authorization: string | undefined | null): string | null {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}
