import { LineSplitter } from './line-splitter.js';

/** A token and a session, fetched once and reused: the raw reader's "warm" state. */
export interface RawSession {
  readonly baseUrl: string;
  readonly token: string;
  readonly sid: string;
}

/** What one raw turn read. Times are `performance.now()` values. */
export interface RawTurn {
  events: number;
  textEvents: number;
  textChars: number;
  bodyChars: number;
  firstByteAt: number;
  firstTextAt: number;
}

/** Thrown when the emulator answers something the raw reader cannot use. */
export class RawReaderError extends Error {
  override name = 'RawReaderError';
}

/** Fetches a token from `GET /auth` and a session from `GET /create-session`. */
export async function openRawSession(baseUrl: string): Promise<RawSession> {
  const page = await fetch(`${baseUrl}/auth`);
  const html = await page.text();
  const token = /<pre id="token"[^>]*>([\s\S]*?)<\/pre>/.exec(html)?.[1]?.trim();
  if (!page.ok || !token) {
    throw new RawReaderError(`GET /auth gave status ${page.status} without a token element`);
  }
  return createRawSession(baseUrl, token);
}

/** Creates a session with a token already fetched. */
export async function createRawSession(baseUrl: string, token: string): Promise<RawSession> {
  const created = await fetch(`${baseUrl}/create-session`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = (await created.json()) as { sid?: unknown };
  if (!created.ok || typeof body.sid !== 'string') {
    throw new RawReaderError(`GET /create-session gave status ${created.status} without a sid`);
  }
  return { baseUrl, token, sid: body.sid };
}

interface RawEvent {
  source?: string;
  action?: string;
  args?: { content?: unknown };
}

/**
 * The physical limit: `fetch` + `TextDecoderStream` + line split + `JSON.parse`, reading only
 * the fields a consumer needs (the agent messages' text).
 */
export async function readRawTurn(
  session: RawSession,
  prompt: string,
  onText?: (content: string) => void,
): Promise<RawTurn> {
  const response = await fetch(`${session.baseUrl}/chat`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sid: session.sid, prompt, agent: 'GeneralCodingAgent' }),
  });
  if (!response.ok || !response.body) {
    throw new RawReaderError(`POST /chat gave status ${response.status}`);
  }
  const turn: RawTurn = {
    events: 0,
    textEvents: 0,
    textChars: 0,
    bodyChars: 0,
    firstByteAt: 0,
    firstTextAt: 0,
  };
  const splitter = new LineSplitter((line) => {
    const event = JSON.parse(line) as RawEvent;
    turn.events += 1;
    if (event.source === 'agent' && event.action === 'message') {
      const content = event.args?.content;
      if (typeof content === 'string') {
        if (turn.textEvents === 0) turn.firstTextAt = performance.now();
        turn.textEvents += 1;
        turn.textChars += content.length;
        onText?.(content);
      }
    }
  });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (turn.firstByteAt === 0) turn.firstByteAt = performance.now();
    turn.bodyChars += value.length;
    splitter.push(value);
  }
  splitter.end();
  return turn;
}
