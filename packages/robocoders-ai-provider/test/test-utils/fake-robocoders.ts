/**
 * An in-process stand-in for the Robocoders API, used as the provider's `fetch` in unit tests:
 * scripted replies per endpoint, a log of requests, and bodies whose chunks, cuts and
 * cancellation tests control. Integration tests use the real emulator instead.
 */

export interface FakeEvent {
  id?: number;
  source?: string;
  message?: string;
  action?: string;
  args?: Record<string, unknown>;
  observation?: string;
  content?: string;
  extras?: Record<string, unknown>;
  cause?: number;
  sid?: string;
}

/** A scripted response. */
export interface FakeReply {
  status?: number;
  /** JSON body for non-stream replies. */
  json?: unknown;
  /** Raw text body (e.g. HTML), for non-stream replies. */
  text?: string;
  /** Body chunks of a stream reply. */
  chunks?: Array<string | Uint8Array>;
  contentType?: string;
  /** After the chunks: end normally (default), fail the body, or keep it open. */
  end?: 'close' | 'cut' | 'hold';
  headers?: Record<string, string>;
}

export interface FakeCall {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  /** The response body was cancelled by the client. */
  cancelled: boolean;
  /** The request's signal aborted. */
  aborted: boolean;
}

type Handler = (call: FakeCall, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeRobocoders {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  calls: FakeCall[];
  callsTo(path: string): FakeCall[];
}

const encoder = new TextEncoder();

/** NDJSON lines for events. */
export function ndjson(...events: FakeEvent[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}

/** An agent message event. */
export function messageEvent(id: number, content: string, wait = false): FakeEvent {
  return {
    id,
    source: 'agent',
    message: content,
    action: 'message',
    args: { content, wait_for_response: wait, extras: {} },
  };
}

/** Python code of a file write, with a Markdown fence inside (a file that holds a README). */
export const STEP_CODE =
  "create_file('notes.md')\nEDITED_CODE = '''```python\nprint(1)\n```'''\ninsert_content_at_line('notes.md', 1, EDITED_CODE)";

/**
 * A turn in the shape of the emulator's (OpenHands) events: a delegation answered by its plan,
 * a `run_ipython` file write and a `run` command, each with a thought and answered by its
 * observation (`cause`), then the agent's waiting message.
 */
export function agentStepEvents(): FakeEvent[] {
  const plan = 'TaskPlannerAgent finishes task with plan:\n1. Write notes.md';
  return [
    {
      id: 2,
      source: 'agent',
      message: "I'm asking TaskPlannerAgent for help with this task.",
      action: 'delegate',
      args: { agent: 'TaskPlannerAgent', inputs: { task: 'notes' }, thought: 'Plan first.' },
    },
    { id: 3, source: 'agent', observation: 'delegate', cause: 2, content: plan, message: plan },
    {
      id: 4,
      source: 'agent',
      message: `Running Python code interactively: ${STEP_CODE}`,
      action: 'run_ipython',
      args: { code: STEP_CODE, thought: 'Write the file.' },
    },
    {
      id: 5,
      source: 'agent',
      observation: 'run_ipython',
      cause: 4,
      content: '[File notes.md created.]',
      message: 'Code executed in IPython cell.',
      extras: { code: STEP_CODE },
    },
    {
      id: 6,
      source: 'agent',
      message: 'Running command: cat notes.md',
      action: 'run',
      args: { command: 'cat notes.md', thought: 'Check it.' },
    },
    {
      id: 7,
      source: 'agent',
      observation: 'run',
      cause: 6,
      content: 'print(1)',
      message: 'Command `cat notes.md` executed with exit code 0.',
      extras: { exit_code: 0 },
    },
    messageEvent(8, 'notes.md is written.', true),
  ];
}

/** The reasoning of {@link agentStepEvents} with `agentSteps: 'reasoning'`, delta by delta. */
export const AGENT_STEP_REASONING = [
  'Plan first.',
  "I'm asking TaskPlannerAgent for help with this task.",
  'TaskPlannerAgent finishes task with plan:\n1. Write notes.md',
  'Write the file.',
  `\`\`\`\`python\n${STEP_CODE}\n\`\`\`\``,
  'Code executed in IPython cell.',
  'Check it.',
  '```sh\ncat notes.md\n```',
  'Command `cat notes.md` executed with exit code 0.',
] as const;

/** A token that looks like the service's: an unsigned JWT with the given `exp`. */
export function fakeJwt(expSeconds: number, sub = 'user'): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub, exp: expSeconds })}.signature`;
}

/** The /auth page with the token inside `<pre id="token">`. */
export function authPage(token: string): string {
  return `<!doctype html><html><body><h1>Token</h1><pre class="x" id="token">\n  ${token}\n</pre></body></html>`;
}

function streamBody(reply: FakeReply, call: FakeCall, signal: AbortSignal | undefined) {
  const chunks = [...(reply.chunks ?? [])];
  let controllerRef: ReadableStreamDefaultController<Uint8Array> | undefined;
  signal?.addEventListener('abort', () => {
    call.aborted = true;
    try {
      controllerRef?.error(signal.reason);
    } catch {}
  });
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controllerRef = controller;
    },
    async pull(controller) {
      await Promise.resolve();
      const chunk = chunks.shift();
      if (chunk !== undefined) {
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
        return;
      }
      if (reply.end === 'cut') controller.error(new TypeError('terminated'));
      else if (reply.end !== 'hold') controller.close();
      else return new Promise<void>(() => {});
    },
    cancel() {
      call.cancelled = true;
    },
  });
}

/** Creates a fake service. Unscripted endpoints answer like the real one. */
export function createFakeRobocoders(
  handlers: { auth?: Handler; createSession?: Handler; chat?: Handler } = {},
): FakeRobocoders {
  const calls: FakeCall[] = [];
  const counters = new Map<string, number>();
  let sessions = 0;
  let tokens = 0;
  const defaults: Record<string, Handler> = {
    '/auth': () => ({
      text: authPage(fakeJwt(Math.floor(Date.now() / 1000) + 3600, `user-${++tokens}`)),
    }),
    '/create-session': () => ({ json: { sid: `sid-${++sessions}` } }),
    '/chat': (call) => ({
      chunks: [ndjson(messageEvent(1, `echo: ${(call.body as { prompt: string }).prompt}`, true))],
    }),
  };
  const routes: Record<string, Handler | undefined> = {
    '/auth': handlers.auth,
    '/create-session': handlers.createSession,
    '/chat': handlers.chat,
  };

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => {
      headers[key] = value;
    });
    const call: FakeCall = {
      method: init.method ?? 'GET',
      path: url.pathname,
      headers,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      cancelled: false,
      aborted: false,
    };
    calls.push(call);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) {
      call.aborted = true;
      throw signal.reason;
    }
    // Recorded the moment it happens, also while a handler is still working on the reply.
    signal?.addEventListener('abort', () => {
      call.aborted = true;
    });
    const index = counters.get(url.pathname) ?? 0;
    counters.set(url.pathname, index + 1);
    const handler = routes[url.pathname] ?? defaults[url.pathname];
    if (handler === undefined) return new Response('{"detail":"Not Found"}', { status: 404 });
    const reply = await handler(call, index);
    if (signal?.aborted) {
      call.aborted = true;
      throw signal.reason;
    }
    const status = reply.status ?? 200;
    if (reply.chunks !== undefined) {
      return new Response(streamBody(reply, call, signal), {
        status,
        headers: { 'content-type': reply.contentType ?? 'application/x-ndjson', ...reply.headers },
      });
    }
    if (reply.text !== undefined) {
      return new Response(reply.text, {
        status,
        headers: { 'content-type': reply.contentType ?? 'text/html', ...reply.headers },
      });
    }
    return new Response(reply.json === undefined ? null : JSON.stringify(reply.json), {
      status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  };

  return { fetch, calls, callsTo: (path) => calls.filter((call) => call.path === path) };
}
