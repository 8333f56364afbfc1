import { escapeHtml } from './auth-page.js';
import { AGENT_NAMES } from './types.js';

interface EndpointDoc {
  method: string;
  path: string;
  auth: boolean;
  summary: string;
  request?: string;
  response: string;
  errors: string;
}

const ENDPOINTS: readonly EndpointDoc[] = [
  {
    method: 'GET',
    path: '/auth',
    auth: false,
    summary:
      'An HTML page with a fresh access token (HS256 JWT with sub, iat, exp) in <pre id="token">.',
    response: '200 text/html',
    errors: '—',
  },
  {
    method: 'GET',
    path: '/create-session',
    auth: true,
    summary: 'Creates a session: the agent keeps the conversation and a workspace per sid.',
    response: '200 {"sid": "<uuid>"}',
    errors: '401',
  },
  {
    method: 'POST',
    path: '/chat',
    auth: true,
    summary:
      'Sends a prompt. The answer is a stream of events, one JSON object per line (application/x-ndjson), ending with an agent message whose args.wait_for_response is true.',
    request:
      '{"sid": "<uuid>", "prompt": "write a factorial function", "agent": "GeneralCodingAgent"}',
    response: '200 application/x-ndjson',
    errors: '401, 404 unknown sid, 413, 422',
  },
  {
    method: 'POST',
    path: '/get-session-code',
    auth: true,
    summary:
      "The session's workspace (the files the agent wrote) as a git repository: one commit per call, clonable with git clone.",
    request: '{"sid": "<uuid>", "github_username": "octocat"}',
    response: '200 {"repo_url": "..."}',
    errors: '401, 404, 422',
  },
];

const CONTROL_ENDPOINTS: readonly [string, string][] = [
  ['POST /__emulator/faults', 'queue a fault (a FaultSpec JSON body)'],
  ['DELETE /__emulator/faults', 'drop every queued fault'],
  ['GET /__emulator/requests', 'the request log'],
  ['DELETE /__emulator/requests', 'empty the request log'],
  ['POST /__emulator/revoke-tokens', 'every token issued so far gets 401'],
  ['POST /__emulator/forget-session', 'body {"sid"}: that session gets 404'],
  ['GET /__emulator/sessions/{sid}', 'a session: agent, files, prompts, events'],
];

const EXAMPLE_EVENTS = [
  '{"id":4,"timestamp":"2024-11-15T16:57:09.512034","source":"agent","message":"Running command: python3 factorial.py","action":"run","args":{"command":"python3 factorial.py","thought":"Let me run it.","blocking":false,"is_input":false,"hidden":false},"sid":"…"}',
  '{"id":5,"timestamp":"2024-11-15T16:57:09.662410","source":"agent","message":"Command `python3 factorial.py` executed with exit code 0.","cause":4,"observation":"run","content":"5! = 120","extras":{"command":"python3 factorial.py","command_id":-1,"exit_code":0,"hidden":false},"sid":"…"}',
  '{"id":6,"timestamp":"2024-11-15T16:57:09.812977","source":"agent","message":"Done — …","action":"message","args":{"content":"Done — …","wait_for_response":true,"extras":{}},"sid":"…"}',
];

/** The human-readable `/docs` page. */
export function renderDocsPage(baseUrl: string): string {
  const rows = ENDPOINTS.map(
    (e) => `        <tr>
          <td><code>${e.method}</code></td><td><code>${e.path}</code></td><td>${e.auth ? 'Bearer' : '—'}</td>
          <td>${escapeHtml(e.summary)}${e.request ? `<br><code>${escapeHtml(e.request)}</code>` : ''}</td>
          <td><code>${escapeHtml(e.response)}</code></td><td>${escapeHtml(e.errors)}</td>
        </tr>`,
  ).join('\n');
  const control = CONTROL_ENDPOINTS.map(
    ([call, what]) => `<li><code>${escapeHtml(call)}</code> — ${escapeHtml(what)}</li>`,
  ).join('\n        ');
  const url = escapeHtml(baseUrl);
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Robocoders API — docs (local emulator)</title>
    <style>
      body { font-family: system-ui, sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
      table { border-collapse: collapse; width: 100%; }
      td, th { border: 1px solid #cbd5e1; padding: .4rem .6rem; vertical-align: top; text-align: left; }
      pre { background: #f1f5f9; padding: .8rem; overflow-x: auto; }
    </style>
  </head>
  <body>
    <h1>Robocoders API</h1>
    <p>A local, faithful emulator of the Robocoders API with scripted agents. Machine-readable description:
      <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
    <h2>Endpoints</h2>
    <table>
      <thead><tr><th>Method</th><th>Path</th><th>Auth</th><th>What</th><th>Success</th><th>Errors</th></tr></thead>
      <tbody>
${rows}
      </tbody>
    </table>
    <p>Agents: ${AGENT_NAMES.map((a) => `<code>${a}</code>`).join(', ')} (default <code>GeneralCodingAgent</code>).</p>
    <h2>Errors</h2>
    <p>As FastAPI sends them: <code>401 {"detail": "Could not validate credentials"}</code>,
      <code>404 {"detail": "Session not found"}</code>, <code>405 {"detail": "Method Not Allowed"}</code>,
      <code>413</code>, and <code>422 {"detail": [{"type", "loc", "msg", "input"}]}</code> listing every invalid field.</p>
    <h2>Events</h2>
    <p>Every event has <code>id</code> (increasing per session), <code>timestamp</code>, <code>source</code>,
      <code>message</code> and <code>sid</code>; actions add <code>action</code> and <code>args</code>,
      observations add <code>observation</code>, <code>content</code>, <code>extras</code> and
      <code>cause</code> (the id of the action they answer). When the step budget runs out the agent pauses:
      an <code>error</code> observation, then <code>agent_state_changed</code> with
      <code>extras.agent_state: "paused"</code>; send <code>continue</code> to resume.</p>
    <pre>${escapeHtml(EXAMPLE_EVENTS.join('\n'))}</pre>
    <h2>Try it</h2>
    <pre>TOKEN=$(curl -s ${url}/auth | sed -n '/id="token"/,/&lt;\\/pre&gt;/p' | sed -e 's/&lt;[^&gt;]*&gt;//g' | tr -d ' \\n')
SID=$(curl -s -H "Authorization: Bearer $TOKEN" ${url}/create-session | sed 's/.*"sid":"\\([^"]*\\)".*/\\1/')
curl -N -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
  -d "{\\"sid\\":\\"$SID\\",\\"prompt\\":\\"write a factorial function\\",\\"agent\\":\\"GeneralCodingAgent\\"}" \\
  ${url}/chat</pre>
    <h2>Emulator controls</h2>
    <p>No token needed. See the package README for the fault catalogue.</p>
    <ul>
        ${control}
    </ul>
  </body>
</html>
`;
}
