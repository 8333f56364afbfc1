import type { Hono } from 'hono';
import type { EmulatorEnv } from './api-routes.js';
import type { EmulatorState } from './emulator-state.js';
import { parseFaultSpec } from './faults.js';
import { detailResponse, jsonResponse } from './http-responses.js';
import { readLimitedBody } from './request-body.js';
import { viewSession } from './session-store.js';
import type { FaultSpec } from './types.js';

/** The prefix of the control endpoints; they need no token and are not logged. */
export const CONTROL_PREFIX = '/__emulator';

/**
 * Mounts the HTTP twins of the programmatic controls, for out-of-process users (the example
 * app's end-to-end tests, other languages).
 */
export function mountControlRoutes(app: Hono<EmulatorEnv>, state: EmulatorState): void {
  app.post(`${CONTROL_PREFIX}/faults`, async (c) => {
    const input = await readJson(c.req.raw, state);
    if ('response' in input) return input.response;
    let specs: FaultSpec[];
    try {
      specs = (Array.isArray(input.value) ? input.value : [input.value]).map(parseFaultSpec);
    } catch (error) {
      return detailResponse(422, error instanceof Error ? error.message : String(error));
    }
    for (const spec of specs) state.faults.add(spec);
    return jsonResponse(201, { queued: specs });
  });

  app.delete(`${CONTROL_PREFIX}/faults`, () => {
    state.faults.clear();
    return new Response(null, { status: 204 });
  });

  app.get(`${CONTROL_PREFIX}/requests`, () => jsonResponse(200, state.requestLog.entries));

  app.delete(`${CONTROL_PREFIX}/requests`, () => {
    state.requestLog.clear();
    return new Response(null, { status: 204 });
  });

  app.post(`${CONTROL_PREFIX}/revoke-tokens`, () => {
    state.tokens.revokeAll();
    return new Response(null, { status: 204 });
  });

  app.post(`${CONTROL_PREFIX}/forget-session`, async (c) => {
    const input = await readJson(c.req.raw, state);
    if ('response' in input) return input.response;
    const sid = (input.value as { sid?: unknown } | null)?.sid;
    if (typeof sid !== 'string')
      return detailResponse(422, 'The body must be {"sid": "<session id>"}');
    state.sessions.delete(sid);
    return new Response(null, { status: 204 });
  });

  app.get(`${CONTROL_PREFIX}/sessions/:sid`, (c) => {
    const session = state.sessions.get(c.req.param('sid'));
    return session
      ? jsonResponse(200, viewSession(session))
      : detailResponse(404, 'Session not found');
  });
}

async function readJson(
  request: Request,
  state: EmulatorState,
): Promise<{ value: unknown } | { response: Response }> {
  const read = await readLimitedBody(request, state.options.maxBodyBytes);
  if (!read.ok) return { response: detailResponse(413, 'Request Entity Too Large') };
  try {
    return { value: JSON.parse(new TextDecoder().decode(read.bytes)) };
  } catch {
    return { response: detailResponse(422, 'The body must be JSON') };
  }
}
