import { parseAuthPage } from './parse-auth-page';

describe('parseAuthPage', async () => {
  it('returns the trimmed text of <pre id="token">', async () => {
    const html =
      '<html><body><p>Your token:</p><pre class="t" id="token">\n   abc.def.ghi  \n</pre></body></html>';
    expect(await parseAuthPage(html)).toBe('abc.def.ghi');
  });

  it('decodes entities', async () => {
    expect(await parseAuthPage('<pre id="token">a&amp;b&#x3D;&lt;c&gt;</pre>')).toBe('a&b=<c>');
  });

  it('ignores other <pre> elements and ids on other elements', async () => {
    const html =
      '<div id="token">wrong</div><pre>also wrong</pre><pre data-x="1" id="token">right</pre>';
    expect(await parseAuthPage(html)).toBe('right');
  });

  it('handles single-quoted, unquoted and upper-case markup', async () => {
    expect(await parseAuthPage("<PRE ID='token'> x </PRE>")).toBe('x');
    expect(await parseAuthPage('<pre id=token>y</pre>')).toBe('y');
  });

  it('returns undefined without a token element or with an empty one', async () => {
    expect(await parseAuthPage('<html><body>Login required</body></html>')).toBeUndefined();
    expect(await parseAuthPage('<pre id="token">   </pre>')).toBeUndefined();
    expect(await parseAuthPage('')).toBeUndefined();
  });

  it('accepts an unclosed element at the end of the page', async () => {
    expect(await parseAuthPage('<pre id="token">tok')).toBe('tok');
  });
});
