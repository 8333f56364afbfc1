/** How long a turn that is over lets the server end its response before closing it. */
export const DRAIN_GRACE_MS = 2000;
/** And how much of what the server still sends it reads meanwhile. */
export const DRAIN_MAX_BYTES = 1024 * 1024;

/**
 * Reads and drops what a server still sends after the turn is over (the service writes its last
 * state change after the agent's final message), so the response ends on its own: the server
 * does not see the client go away, and the connection can be reused. A server that keeps the
 * response open, or goes on sending, is cut off after `graceMs` or `maxBytes`.
 */
export function drainThenCancel(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  graceMs = DRAIN_GRACE_MS,
  maxBytes = DRAIN_MAX_BYTES,
): Promise<void> {
  const cancel = () => reader.cancel().catch(() => {});
  const timer = setTimeout(cancel, graceMs);
  // A Node timer would keep a process that is otherwise done alive for the grace period.
  (timer as { unref?: () => void }).unref?.();
  return (async () => {
    try {
      for (let bytes = 0; bytes <= maxBytes; ) {
        const { done, value } = await reader.read();
        if (done) return;
        bytes += value.byteLength;
      }
      await cancel();
    } catch {
      // The body broke or was cancelled after the turn was over: nothing of the turn is lost.
    } finally {
      clearTimeout(timer);
    }
  })();
}
