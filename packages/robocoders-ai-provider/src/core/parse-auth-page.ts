import { Parser } from 'htmlparser2';

/**
 * Extracts the token from the HTML page of `GET /auth`: the text of `<pre id="token">`, with
 * entities decoded and surrounding whitespace removed. Returns `undefined` when the page has
 * no such element or it is empty.
 */
export function parseAuthPage(html: string): string | undefined {
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
