/** The text of one benchmark delta, the same pattern the emulator's load mode sends. */
export function benchContent(bytes: number): string {
  const pattern = 'abcdefghijklmnopqrstuvwxyz ';
  return pattern.repeat(Math.ceil(bytes / pattern.length)).slice(0, bytes);
}

/** The emulator's closing message of a `bench <count> <bytes>` turn. */
export function benchClosing(count: number, bytes: number): string {
  return `Streamed ${count} messages of ${bytes} characters.`;
}

/** The load-mode prompt understood by both the emulator and the OpenAI-compatible server. */
export function benchPrompt(count: number, bytes: number): string {
  return `bench ${count} ${bytes}`;
}

/** Reads `bench <count> [<bytes>]`; undefined for any other prompt. */
export function parseBenchPrompt(prompt: string): { count: number; bytes: number } | undefined {
  const match = /^bench\s+(\d+)(?:\s+(\d+))?\s*$/i.exec(prompt.trim());
  if (!match) return undefined;
  return { count: Number(match[1]), bytes: Number(match[2] ?? 16) };
}
