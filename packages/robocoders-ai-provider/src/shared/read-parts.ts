/**
 * Reads a stream of parts to its end, giving each to `onPart`. An `error` part throws its error
 * (after cancelling the rest), so a broken answer is never taken for a complete one.
 */
export async function readParts<P extends { type: string }>(
  stream: ReadableStream<P>,
  onPart: (part: P) => void,
): Promise<void> {
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    if (value.type === 'error') {
      await reader.cancel().catch(() => {});
      throw (value as P & { error: unknown }).error;
    }
    onPart(value);
  }
}
