import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import packageJson from '../../package.json' with { type: 'json' };
import { VERSION } from '../../src/core/version';
import { TASK, useEmulator } from './emulator-fixture';
import { ENTRIES, entryProvider } from './entry-calls';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** The global `fetch`, recording the `user-agent` of every request it sends. */
function recordingFetch() {
  const userAgents: Array<string | null> = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    userAgents.push(new Headers(init?.headers).get('user-agent'));
    return globalThis.fetch(input, init);
  };
  return { fetch, userAgents };
}

describe.each(ENTRIES)('User-Agent, through the %s entry', (entry) => {
  const emulator = useEmulator();

  it('identifies the provider on every request', async () => {
    const { fetch, userAgents } = recordingFetch();
    await entryProvider(entry, { baseURL: emulator().url, fetch }).generate('RepoAgent', [
      { role: 'user', content: TASK },
    ]);
    expect(userAgents).toHaveLength(emulator().requests.length);
    expect(new Set(userAgents)).toEqual(new Set([`robocoders-ai-provider/${packageJson.version}`]));
  });

  it("appends it to the caller's own user-agent", async () => {
    const { fetch, userAgents } = recordingFetch();
    await entryProvider(entry, {
      baseURL: emulator().url,
      fetch,
      headers: { 'User-Agent': 'my-app/2.0' },
      maxContinuations: 0,
    }).generate('RepoAgent', [{ role: 'user', content: TASK }]);
    expect(userAgents).toEqual([
      `my-app/2.0 robocoders-ai-provider/${VERSION}`,
      `my-app/2.0 robocoders-ai-provider/${VERSION}`,
      `my-app/2.0 robocoders-ai-provider/${VERSION}`,
    ]);
  });
});

describe('VERSION', () => {
  it('is the package.json version in the sources (vitest) and in the build (tsup)', async () => {
    expect(VERSION).toBe(packageJson.version);
    const dist = join(PACKAGE_DIR, 'dist', 'index.js');
    if (!existsSync(dist)) {
      // `turbo run test` builds first; a bare `vitest run` on a fresh clone may not have.
      execFileSync(join(PACKAGE_DIR, 'node_modules', '.bin', 'tsup'), { cwd: PACKAGE_DIR });
    }
    for (const entry of ['index.js', 'v2/index.js', 'v3/index.js', 'v4/index.js']) {
      const built = (await import(join(PACKAGE_DIR, 'dist', entry))) as { VERSION: string };
      expect(built.VERSION).toBe(packageJson.version);
    }
  });
});
