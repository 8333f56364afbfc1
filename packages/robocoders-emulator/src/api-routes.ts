import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context, Hono } from 'hono';
import { renderAuthPage } from './auth-page.js';
import type { EmulatorState } from './emulator-state.js';
import { EventStreamWriter } from './event-stream-writer.js';
import type { ActiveFaults, ApiEndpoint } from './faults.js';
import {
  BAD_CREDENTIALS,
  detailResponse,
  jsonResponse,
  NOT_AUTHENTICATED,
  SESSION_NOT_FOUND,
  statusFaultResponse,
  unauthorized,
  validationErrorResponse,
} from './http-responses.js';
import { classifyPrompt } from './intents.js';
import { loggableBody, readLimitedBody } from './request-body.js';
import { bearerOf } from './request-log.js';
import { nothingPendingSteps, planTurn } from './scripted-agents.js';
import type { ScriptedStep } from './scripted-steps.js';
import { releaseHolds, type Session } from './session-store.js';
import { runTurn } from './turn-runner.js';
import type { RequestLogEntry } from './types.js';
import {
  CHAT_REQUEST_FIELDS,
  type ChatRequest,
  decodeBody,
  type FieldSpec,
  jsonInvalidIssue,
  SESSION_CODE_REQUEST_FIELDS,
  type SessionCodeRequest,
  validateBody,
} from './validation.js';

/** Hono environment of the emulator app. */
export type EmulatorEnv = {
  Bindings: HttpBindings;
  Variables: { logEntry?: RequestLogEntry; stream?: EventStreamWriter };
};

type EmulatorContext = Context<EmulatorEnv>;

/** Either the response to send now, or the validated request. */
type Parsed<T> = { response: Response } | { value: T; faults: ActiveFaults };

/** The allowed methods of each API path, for 405 answers. */
export const API_METHODS: Readonly<Record<string, string>> = {
  '/auth': 'GET',
  '/create-session': 'GET',
  '/chat': 'POST',
  '/get-session-code': 'POST',
  '/docs': 'GET',
  '/openapi.json': 'GET',
};

/** Mounts `/auth`, `/create-session`, `/chat`, `/get-session-code` and the workspace pages. */
export function mountApiRoutes(app: Hono<EmulatorEnv>, state: EmulatorState): void {
  app.get('/auth', async () => {
    const faults = takeFaults(state, '/auth');
    if (faults.status) return faultResponse(faults);
    const token = await state.tokens.issue();
    const expiresAt = new Date(Date.now() + state.options.tokenTtlSeconds * 1000);
    return new Response(renderAuthPage(token, expiresAt), {
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    });
  });

  app.get('/create-session', async (c) => {
    const faults = takeFaults(state, '/create-session');
    if (faults.status) return faultResponse(faults);
    const refused = await authenticate(c, state);
    if (refused) return refused;
    return jsonResponse(200, { sid: state.sessions.create().sid });
  });

  app.post('/get-session-code', async (c) => {
    const parsed = await parseJsonRequest<SessionCodeRequest>(
      c,
      state,
      '/get-session-code',
      SESSION_CODE_REQUEST_FIELDS,
    );
    if ('response' in parsed) return parsed.response;
    const session = state.sessions.get(parsed.value.sid);
    if (!session) return detailResponse(404, SESSION_NOT_FOUND);
    const message = `Robocoders session ${session.sid}: workspace as of ${new Date().toISOString()}`;
    await state.workspaces.snapshot(session.sid, session.files, message, (sid) =>
      Boolean(state.sessions.get(sid)),
    );
    return jsonResponse(200, { repo_url: `${state.baseUrl}/workspaces/${session.sid}` });
  });

  app.post('/chat', async (c) => {
    const parsed = await parseJsonRequest<ChatRequest>(c, state, '/chat', CHAT_REQUEST_FIELDS);
    if ('response' in parsed) return parsed.response;
    const { sid, prompt, agent } = parsed.value;
    const session = state.sessions.get(sid);
    if (!session) return detailResponse(404, SESSION_NOT_FOUND);
    // A new prompt is what a held-open stream waits for.
    releaseHolds(session);
    state.sessions.recordPrompt(session, prompt);
    session.agent = agent;
    const { steps, load } = nextSteps(session, prompt);
    await streamTurn(c, state, session, prompt, steps, load, parsed.faults);
    return RESPONSE_ALREADY_SENT;
  });

  app.get('/workspaces/:sid', (c) => {
    const session = state.sessions.get(c.req.param('sid'));
    if (!session) return detailResponse(404, SESSION_NOT_FOUND);
    const base = `${state.baseUrl}/workspaces/${session.sid}/files/`;
    const files = [...session.files].map(([path, text]) => ({
      path,
      bytes: Buffer.byteLength(text),
      url: base + path.split('/').map(encodeURIComponent).join('/'),
    }));
    return jsonResponse(200, { sid: session.sid, agent: session.agent, files });
  });

  app.get('/workspaces/:sid/files/*', (c) => {
    const session = state.sessions.get(c.req.param('sid'));
    if (!session) return detailResponse(404, SESSION_NOT_FOUND);
    const prefix = `/workspaces/${session.sid}/files/`;
    const path = decodeURIComponent(c.req.path.slice(prefix.length));
    const text = session.files.get(path);
    if (text === undefined) return detailResponse(404, 'File not found');
    return new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8' } });
  });
}

function takeFaults(state: EmulatorState, endpoint: ApiEndpoint): ActiveFaults {
  const faults = state.faults.take(endpoint);
  if (faults.revokeTokens) state.tokens.revokeAll();
  return faults;
}

function faultResponse(faults: ActiveFaults): Response {
  const status = faults.status;
  if (!status) throw new Error('faultResponse needs a status fault');
  return statusFaultResponse(status.status, status.body, status.headers);
}

/** The 401 to answer, or `undefined` when the bearer token is good. */
async function authenticate(
  c: EmulatorContext,
  state: EmulatorState,
): Promise<Response | undefined> {
  const token = bearerOf(c.req.header('authorization'));
  if (token === null) return unauthorized(NOT_AUTHENTICATED);
  const check = await state.tokens.verify(token);
  return check.ok ? undefined : unauthorized(BAD_CREDENTIALS);
}

/**
 * Reads and checks a JSON request in FastAPI's order: body size (a proxy would refuse it first),
 * JSON syntax, credentials, then the fields.
 */
async function parseJsonRequest<T extends { sid: string }>(
  c: EmulatorContext,
  state: EmulatorState,
  endpoint: ApiEndpoint,
  fields: readonly FieldSpec[],
): Promise<Parsed<T>> {
  const faults = takeFaults(state, endpoint);
  const read = await readLimitedBody(c.req.raw, state.options.maxBodyBytes);
  if (!read.ok) return { response: detailResponse(413, 'Request Entity Too Large') };
  const entry = c.get('logEntry');
  if (entry) entry.body = loggableBody(read.bytes);
  if (faults.status) return { response: faultResponse(faults) };

  const body = decodeBody(read.bytes, c.req.header('content-type') ?? null);
  if (!body) return { response: detailResponse(400, 'There was an error parsing the body') };
  if (body.kind === 'invalid-json') {
    return { response: validationErrorResponse([jsonInvalidIssue(body.text)]) };
  }
  const refused = await authenticate(c, state);
  if (refused) return { response: refused };
  const validated = validateBody<T>(body, fields);
  if (!validated.ok) return { response: validationErrorResponse(validated.issues) };
  if (faults.forgetSession) state.sessions.delete(validated.value.sid);
  return { value: validated.value, faults };
}

/** What the session does with a prompt: resume a paused turn, or plan a new one. */
function nextSteps(session: Session, prompt: string): { steps: ScriptedStep[]; load: boolean } {
  const pending = session.pending;
  session.pending = [];
  const isContinue = classifyPrompt(prompt).kind === 'continue';
  if (pending.length > 0 && isContinue) return { steps: pending, load: false };
  if (isContinue) return { steps: nothingPendingSteps(), load: false };
  // The new request is planned against the workspace as the paused steps will leave it.
  const files = new Map(session.files);
  for (const step of pending) {
    for (const [path, text] of Object.entries(step.writes ?? {})) files.set(path, text);
  }
  const plan = planTurn({
    agent: session.agent ?? 'GeneralCodingAgent',
    prompt,
    files,
    previousPrompts: session.prompts.length - 1,
  });
  return { steps: [...pending, ...plan.steps], load: plan.load };
}

async function streamTurn(
  c: EmulatorContext,
  state: EmulatorState,
  session: Session,
  prompt: string,
  steps: ScriptedStep[],
  load: boolean,
  faults: ActiveFaults,
): Promise<void> {
  const writer = new EventStreamWriter(
    c.env.outgoing,
    faults.stream,
    load ? 0 : state.options.paceMs,
  );
  c.set('stream', writer);
  state.streams.add(writer);
  try {
    await writer.start();
    const entry = c.get('logEntry');
    if (entry) entry.status = 200;
    const outcome = await runTurn(session, state.sessions, prompt, steps, writer, {
      stepBudget: state.options.stepBudget,
      observations: state.options.observations,
      load,
      envelope: state.options.openHandsEnvelope || faults.stream.openHandsEnvelope === true,
      pauseErrorOnly: faults.stream.pauseErrorOnly === true,
    });
    const heldAfterPause = outcome === 'paused' && faults.stream.pauseErrorOnly === true;
    if ((outcome === 'waiting' && faults.stream.holdOpen) || heldAfterPause) {
      await writer.hold((release) => session.holds.add(release));
    }
    await writer.end();
  } finally {
    state.streams.delete(writer);
  }
}
