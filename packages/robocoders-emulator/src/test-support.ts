/** Helpers for the emulator's own tests: a client as small as the protocol allows. */
import { afterAll } from 'vitest';
import { startEmulator } from './emulator-server.js';
import type { EmulatorOptions, RobocodersEvent, RunningEmulator } from './types.js';

export { eventually } from './testing/wait.js';

/** Starts an emulator on a free port, unpaced, and closes it after the test file. */
export async function useEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  // The scripted-agent tests read the agent's own events; the envelope (on by default) has its
  // own tests, which ask for it.
  const emulator = await startEmulator({ paceMs: 0, openHandsEnvelope: false, ...options });
  afterAll(() => emulator.close());
  return emulator;
}

/** Reads the token out of the `/auth` page, as a client would. */
export async function fetchToken(url: string): Promise<string> {
  const html = await (await fetch(`${url}/auth`)).text();
  const match = /<pre[^>]*\bid="token"[^>]*>\s*([^<\s]+)\s*<\/pre>/.exec(html);
  if (!match?.[1]) throw new Error('No token on the /auth page');
  return match[1];
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

export async function createSession(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/create-session`, { headers: bearer(token) });
  if (response.status !== 200) throw new Error(`create-session answered ${response.status}`);
  return ((await response.json()) as { sid: string }).sid;
}

/** A token and a fresh session. */
export async function openSession(url: string): Promise<{ token: string; sid: string }> {
  const token = await fetchToken(url);
  return { token, sid: await createSession(url, token) };
}

export function postJson(
  url: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Response> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal,
  });
}

/** Sends a prompt and returns the response (unread). */
export function chat(
  url: string,
  token: string,
  body: { sid: string; prompt: string; agent?: string },
  signal?: AbortSignal,
): Promise<Response> {
  return postJson(url, '/chat', body, bearer(token), signal);
}

/** Parses a whole NDJSON body. */
export function parseNdjson(text: string): RobocodersEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RobocodersEvent);
}

/** Sends a prompt and returns every streamed event. */
export async function chatEvents(
  url: string,
  token: string,
  body: { sid: string; prompt: string; agent?: string },
): Promise<RobocodersEvent[]> {
  const response = await chat(url, token, body);
  if (response.status !== 200) {
    throw new Error(`chat answered ${response.status}: ${await response.text()}`);
  }
  return parseNdjson(await response.text());
}

/** Reads a body as raw chunks, as they arrived. */
export async function readChunks(response: Response): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = response.body?.getReader();
  if (!reader) return chunks;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** The event that ends a turn: an agent message waiting for the user. */
export function isWaitEvent(event: RobocodersEvent): boolean {
  return 'action' in event && event.action === 'message' && event.args.wait_for_response === true;
}

/** Decodes a JWT payload without verifying it, as clients do to read `exp`. */
export function jwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
