/**
 * Splits decoded text into lines across chunk boundaries. Only the carried-over fragment is
 * concatenated with the next chunk, so the cost stays linear in the stream's length; this is
 * the raw reader's whole framing layer, the floor the provider is measured against.
 */
export class LineSplitter {
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  /** Feeds one decoded chunk; calls `onLine` for each complete, non-empty line. */
  push(text: string): void {
    let newline = text.indexOf('\n');
    if (newline === -1) {
      this.pending += text;
      return;
    }
    this.emit(this.pending + text.slice(0, newline));
    let start = newline + 1;
    newline = text.indexOf('\n', start);
    while (newline !== -1) {
      this.emit(text.slice(start, newline));
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.pending = text.slice(start);
  }

  /** Emits a last line that had no trailing newline. */
  end(): void {
    const last = this.pending;
    this.pending = '';
    this.emit(last);
  }

  private emit(line: string): void {
    if (line !== '' && line !== '\r') this.onLine(line);
  }
}
