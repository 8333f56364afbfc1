/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * The `GET /auth` page. Like the real one it is a whole HTML document: the token is the text of
 * `<pre id="token">`, padded with whitespace, after another `<pre>` that a careless regex could
 * pick up instead.
 */
export function renderAuthPage(token: string, expiresAt: Date): string {
  const expires = escapeHtml(expiresAt.toISOString());
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Robocoders — API access token</title>
    <style>
      body { font-family: system-ui, sans-serif; margin: 0; background: #0f172a; color: #e2e8f0; }
      header, main, footer { max-width: 46rem; margin: 0 auto; padding: 1.5rem; }
      pre { background: #1e293b; padding: 1rem; border-radius: .5rem; white-space: pre-wrap; word-break: break-all; }
      .hint { color: #94a3b8; }
      button { font: inherit; padding: .4rem .9rem; border-radius: .4rem; border: 0; cursor: pointer; }
    </style>
  </head>
  <body>
    <header>
      <a href="/docs">Robocoders API</a> · <span class="hint">local emulator</span>
    </header>
    <main>
      <h1>Your access token</h1>
      <p>Send it as a bearer token with every API call:</p>
      <pre class="example">curl -H "Authorization: Bearer &lt;token&gt;" ${'$'}{ROBOCODERS_URL}/create-session</pre>
      <p class="hint">It expires at <time datetime="${expires}">${expires}</time>. Keep it secret — anyone holding it can use your sessions.</p>
      <pre id="token" class="token" data-expires="${expires}" tabindex="0">
        ${escapeHtml(token)}
      </pre>
      <button type="button" id="copy">Copy token</button>
    </main>
    <footer class="hint">&copy; Robocoders · <a href="/openapi.json">OpenAPI</a></footer>
    <script>
      document.getElementById('copy').addEventListener('click', function () {
        navigator.clipboard.writeText(document.getElementById('token').textContent.trim());
      });
    </script>
  </body>
</html>
`;
}
