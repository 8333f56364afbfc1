import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveInChild } from '../server-process.js';
import {
  epochNow,
  parseSlowTurnPrompt,
  slowTurnClosing,
  stampedContent,
} from '../slow-turn-text.js';

/**
 * A Robocoders-compatible server for slow turns: `GET /auth`, `GET /create-session` and
 * `POST /chat` with the prompt `slow <count> <paceMs>`, which streams NDJSON agent messages in
 * the emulator's event format, one every `paceMs`, each stamped with the moment it is written.
 *
 * Why not the emulator: its load mode (`bench <count> <bytes>`) always streams unpaced, its
 * `paceMs` applies only to scripted turns, and its events' `timestamp` is taken before the
 * pacing sleep, with millisecond digits: none of them gives the time an event left the server.
 */

/** A JWT-shaped token whose `exp` is far enough away for a whole run (the provider reads it). */
function fakeToken(): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'bench', iat: now, exp: now + 86_400 })}.bench`;
}

const TOKEN = fakeToken();

function timestamp(): string {
  return new Date().toISOString().replace('Z', '000');
}

let nextId = 0;

function messageEvent(sid: string, source: 'agent' | 'user', content: string, waits: boolean) {
  return {
    id: nextId++,
    timestamp: timestamp(),
    source,
    message: content,
    action: 'message',
    args: { content, wait_for_response: waits, extras: {} },
    sid,
  };
}

function stateEvent(sid: string, state: string) {
  return {
    id: nextId++,
    timestamp: timestamp(),
    source: 'environment',
    message: `Agent state changed to ${state}`,
    observation: 'agent_state_changed',
    content: '',
    extras: { agent_state: state, reason: '' },
    sid,
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function handleChat(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = '';
  req.setEncoding('utf8');
  for await (const chunk of req) body += chunk;
  const request = JSON.parse(body) as { sid?: string; prompt?: string };
  const slow = parseSlowTurnPrompt(request.prompt ?? '');
  const sid = request.sid ?? '';
  if (!slow) {
    json(res, 400, { detail: 'expected a prompt "slow <count> <paceMs>"' });
    return;
  }
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-cache' });
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  const write = (event: object) => res.write(`${JSON.stringify(event)}\n`);
  write(messageEvent(sid, 'user', request.prompt ?? '', false));
  write(stateEvent(sid, 'running'));
  for (let i = 0; i < slow.count && !closed; i += 1) {
    await sleep(slow.paceMs);
    // The stamp is taken as the event is written: what follows is the client's lag.
    write(messageEvent(sid, 'agent', stampedContent(epochNow()), false));
  }
  if (closed) return;
  await sleep(slow.paceMs);
  write(messageEvent(sid, 'agent', slowTurnClosing(slow.count), true));
  write(stateEvent(sid, 'awaiting_user_input'));
  res.end();
}

await serveInChild(async () => {
  const server = createServer((req, res) => {
    // No keep-alive: sockets the client pools after one measured phase would otherwise be
    // reused by the next and lower its heap baseline; here each open turn holds its own socket.
    res.setHeader('connection', 'close');
    const path = (req.url ?? '').split('?')[0];
    if (req.method === 'GET' && path === '/auth') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!DOCTYPE html><html><body><pre id="token">${TOKEN}</pre></body></html>`);
    } else if (req.method === 'GET' && path === '/create-session') {
      json(res, 200, { sid: randomUUID() });
    } else if (req.method === 'POST' && path === '/chat') {
      handleChat(req, res).catch((error: unknown) => {
        if (!res.headersSent) json(res, 500, { detail: String(error) });
        else res.destroy();
      });
    } else json(res, 404, { detail: 'Not Found' });
  });
  server.keepAliveTimeout = 60_000;
  // 1,000 turns and their sessions open at once, from one client.
  server.maxConnections = 10_000;
  server.listen({ port: 0, host: '127.0.0.1', backlog: 4_096 });
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
});
