/**
 * The slow-turn prompt and its stamped messages. Each message carries the moment it left the
 * server (`performance.timeOrigin + performance.now()` of the server process, in ms with µs
 * digits), so a consumer reads an event's lag from the text it received, whatever the path.
 */

/** `slow <count> <paceMs>`: `count` stamped messages, one every `paceMs`, then a closing one. */
export function slowTurnPrompt(count: number, paceMs: number): string {
  return `slow ${count} ${paceMs}`;
}

/** Reads `slow <count> <paceMs>`; undefined for any other prompt. */
export function parseSlowTurnPrompt(prompt: string): { count: number; paceMs: number } | undefined {
  const match = /^slow\s+(\d+)\s+(\d+)\s*$/i.exec(prompt.trim());
  if (!match) return undefined;
  return { count: Number(match[1]), paceMs: Number(match[2]) };
}

/** The wall clock with sub-millisecond digits, comparable across processes of one machine. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/** The content of a stamped message: `@<epoch ms with 3 decimals>`. */
export function stampedContent(sentAt: number): string {
  return `@${sentAt.toFixed(3)}`;
}

const STAMP = /@(\d+\.\d{3})/g;

/** Every send time in a piece of text (a delta may merge several messages, or carry separators). */
export function readStamps(text: string): number[] {
  const stamps: number[] = [];
  for (const match of text.matchAll(STAMP)) stamps.push(Number(match[1]));
  return stamps;
}

/** The closing message of a slow turn. */
export function slowTurnClosing(count: number): string {
  return `Sent ${count} stamped messages.`;
}
