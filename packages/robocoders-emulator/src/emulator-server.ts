import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono } from 'hono';
import { API_METHODS, type EmulatorEnv, mountApiRoutes } from './api-routes.js';
import { CONTROL_PREFIX, mountControlRoutes } from './control-routes.js';
import { renderDocsPage } from './docs-page.js';
import type { EmulatorState, ResolvedOptions } from './emulator-state.js';
import { FaultQueue } from './faults.js';
import { mountGitRoutes } from './git-routes.js';
import { GitWorkspaces } from './git-workspace.js';
import { detailResponse, jsonResponse } from './http-responses.js';
import { openApiDocument } from './openapi.js';
import { bearerOf, RequestLog } from './request-log.js';
import { SessionStore, viewSession } from './session-store.js';
import { TokenIssuer } from './tokens.js';
import type { EmulatorOptions, RequestLogEntry, RunningEmulator } from './types.js';
import { EMULATOR_VERSION } from './version.js';

/** Applies the documented defaults and rejects nonsensical values with a `RangeError`. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const resolved: ResolvedOptions = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    paceMs: options.paceMs ?? 0,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    jwtSecret: options.jwtSecret,
    stepBudget: options.stepBudget ?? 25,
    observations: options.observations ?? true,
    maxSessions: options.maxSessions ?? 1000,
    maxEventsPerSession: options.maxEventsPerSession ?? 2000,
    maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    log: options.log,
    openHandsEnvelope: options.openHandsEnvelope ?? true,
  };
  const checks: [keyof ResolvedOptions, number, number][] = [
    ['port', resolved.port, 0],
    ['paceMs', resolved.paceMs, 0],
    ['tokenTtlSeconds', resolved.tokenTtlSeconds, 1],
    ['stepBudget', resolved.stepBudget, 1],
    ['maxSessions', resolved.maxSessions, 1],
    ['maxEventsPerSession', resolved.maxEventsPerSession, 1],
    ['maxBodyBytes', resolved.maxBodyBytes, 1],
  ];
  for (const [name, value, min] of checks) {
    if (!Number.isInteger(value) || value < min) {
      throw new RangeError(`Emulator option ${name} must be an integer >= ${min}, got ${value}`);
    }
  }
  if (resolved.port > 65535) throw new RangeError(`Emulator option port must be <= 65535`);
  return resolved;
}

/** Builds the Hono app serving the API, the docs and the controls. */
export function createEmulatorApp(state: EmulatorState): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();

  app.use('*', async (c, next) => {
    if (c.req.path.startsWith(CONTROL_PREFIX)) return next();
    const entry = state.requestLog.start(
      c.req.method,
      c.req.path,
      bearerOf(c.req.header('authorization')),
    );
    c.set('logEntry', entry);
    const { outgoing } = c.env;
    outgoing.once('close', () => {
      entry.endedAt = Date.now();
      if (outgoing.headersSent) entry.status = outgoing.statusCode;
      if (!outgoing.writableFinished && !c.get('stream')?.wasCut) entry.clientAborted = true;
      state.options.log?.(accessLogLine(entry));
    });
    await next();
    if (!c.res.headers.has('x-hono-already-sent')) entry.status = c.res.status;
  });

  mountApiRoutes(app, state);
  mountGitRoutes(app, state);
  mountControlRoutes(app, state);

  app.get('/', (c) => c.redirect('/docs', 307));
  app.get(
    '/docs',
    () =>
      new Response(renderDocsPage(state.baseUrl), {
        headers: { 'content-type': 'text/html; charset=utf-8' },
      }),
  );
  app.get('/openapi.json', () => jsonResponse(200, openApiDocument(EMULATOR_VERSION)));

  for (const [path, allow] of Object.entries(API_METHODS)) {
    app.all(path, () => detailResponse(405, 'Method Not Allowed', { allow }));
  }
  app.notFound(() => detailResponse(404, 'Not Found'));
  app.onError((error) => {
    // A bug in the emulator: answer like FastAPI would and say what broke on stderr.
    console.error('robocoders-emulator: unhandled error', error);
    return new Response('Internal Server Error', {
      status: 500,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  });
  return app;
}

/** `GET /chat 200 12ms`: what the CLI prints per request. Never includes a token. */
export function accessLogLine(entry: RequestLogEntry): string {
  const duration = (entry.endedAt ?? Date.now()) - entry.startedAt;
  const aborted = entry.clientAborted ? ' (client closed the connection)' : '';
  return `${new Date(entry.startedAt).toISOString()} ${entry.method} ${entry.path} ${entry.status} ${duration}ms${aborted}`;
}

/**
 * Starts a Robocoders-compatible server with scripted agents.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ stepBudget: 5 });
 * const page = await fetch(`${emulator.url}/auth`).then((r) => r.text());
 * // ... point the client under test at emulator.url ...
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const state: EmulatorState = {
    options: resolved,
    tokens: new TokenIssuer(resolved.jwtSecret, resolved.tokenTtlSeconds),
    sessions: new SessionStore(resolved.maxSessions, resolved.maxEventsPerSession),
    faults: new FaultQueue(),
    workspaces: new GitWorkspaces(),
    requestLog: new RequestLog(),
    streams: new Set(),
    baseUrl: '',
  };
  const app = createEmulatorApp(state);
  // Leave the host process's global Request/Response alone: the emulator often runs in-process
  // next to the code under test.
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  await listen(server, resolved.host, resolved.port);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  state.baseUrl = `http://${host}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url: state.baseUrl,
    close() {
      closing ??= shutdown(server, state);
      return closing;
    },
    get requests() {
      return state.requestLog.entries;
    },
    clearRequests: () => state.requestLog.clear(),
    fault: (spec) => state.faults.add(spec),
    clearFaults: () => state.faults.clear(),
    revokeTokens: () => state.tokens.revokeAll(),
    forgetSession: (sid) => state.sessions.delete(sid),
    issueToken: (tokenOptions) => state.tokens.issue(tokenOptions?.ttlSeconds),
    session: (sid) => {
      const session = state.sessions.get(sid);
      return session ? viewSession(session) : undefined;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function shutdown(server: Server, state: EmulatorState): Promise<void> {
  for (const stream of state.streams) stream.terminate();
  const closed = new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
  });
  server.closeIdleConnections();
  // Streams just ended; give their last bytes a moment, then drop whatever is still open.
  setImmediate(() => server.closeAllConnections());
  await closed;
  await state.workspaces.close();
}
