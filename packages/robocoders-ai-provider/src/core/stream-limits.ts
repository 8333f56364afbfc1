/**
 * The default bound on one line (NDJSON) or event (SSE) of a chat stream. Apart from the
 * decoder so that settings can name it without loading the stream reader at start.
 */
export const DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;
