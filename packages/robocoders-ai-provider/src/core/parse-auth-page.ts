/**
 * Extracts the token from the HTML page of `GET /auth`: the text of `<pre id="token">`, with
 * entities decoded and surrounding whitespace removed. Resolves with `undefined` when the page
 * has no such element or it is empty.
 *
 * The parser (with its entity tables, most of the package's weight) is loaded on the first
 * call: only a provider that fetches its own token needs it, not one given an API key.
 */
export async function parseAuthPage(html: string): Promise<string | undefined> {
  const { Parser } = await import('htmlparser2');
  let depth = 0;
  let found = false;
  let text = '';
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (found) return;
        if (depth > 0) {
          if (name === 'pre') depth++;
          return;
        }
        if (name === 'pre' && attributes.id === 'token') depth = 1;
      },
      ontext(data) {
        if (depth > 0) text += data;
      },
      onclosetag(name) {
        if (depth > 0 && name === 'pre' && --depth === 0) found = true;
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  const token = text.trim();
  return (found || depth > 0) && token !== '' ? token : undefined;
}
