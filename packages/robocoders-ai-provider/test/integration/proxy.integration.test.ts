import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxy, type ProxyServer } from 'proxy';
import { ProxyAgent, fetch as undiciFetch } from 'undici';
import { VERSION } from '../../src/core/version';
import { TASK, useEmulator } from './emulator-fixture';
import { ENTRIES, entryProvider } from './entry-calls';

/**
 * The README's proxy recipe: undici's own `fetch` (so the fetch and the dispatcher are of one
 * undici version) with a `ProxyAgent`, as the provider's `fetch` setting. Node only.
 */
function proxiedFetch(agent: ProxyAgent): typeof globalThis.fetch {
  return ((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: agent })) as typeof globalThis.fetch;
}

describe.each(ENTRIES)('through an HTTP proxy, the %s entry', (entry) => {
  const emulator = useEmulator();
  let proxy: ProxyServer;
  let proxyUrl: string;
  const seen: Array<{ method?: string; url?: string; userAgent?: string }> = [];
  const tunnels: string[] = [];

  beforeAll(async () => {
    proxy = createProxy(createServer());
    // The proxy's own listeners run too; these only record what passed through.
    proxy.on('request', (request) => {
      seen.push({
        method: request.method,
        url: request.url,
        userAgent: request.headers['user-agent'],
      });
    });
    proxy.on('connect', (request) => {
      tunnels.push(request.url ?? '');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise((resolve) => proxy.close(resolve));
  });

  beforeEach(() => {
    seen.length = 0;
    tunnels.length = 0;
  });

  it('sends every request of a call through the proxy', async () => {
    const agent = new ProxyAgent({ uri: proxyUrl, proxyTunnel: false });
    try {
      const robocoders = entryProvider(entry, {
        baseURL: emulator().url,
        fetch: proxiedFetch(agent),
      });
      const result = await robocoders.generate('GeneralCodingAgent', [
        { role: 'user', content: TASK },
      ]);
      expect(result.text).toContain('factorial');
      const origin = emulator().url;
      expect(seen.map(({ method, url }) => `${method} ${url}`)).toEqual([
        `GET ${origin}/auth`,
        `GET ${origin}/create-session`,
        // A waiting agent is left to the user: no continuation.
        `POST ${origin}/chat`,
      ]);
      // What the emulator received is what the proxy forwarded.
      expect(emulator().requests.map((request) => request.path)).toEqual([
        '/auth',
        '/create-session',
        '/chat',
      ]);
      for (const request of seen) {
        expect(request.userAgent).toBe(`robocoders-ai-provider/${VERSION}`);
      }
    } finally {
      await agent.close();
    }
  });

  it('tunnels with CONNECT, as for the hosted https service', async () => {
    const agent = new ProxyAgent(proxyUrl);
    try {
      const robocoders = entryProvider(entry, {
        baseURL: emulator().url,
        fetch: proxiedFetch(agent),
        maxContinuations: 0,
      });
      await robocoders.generate('RepoAgent', [{ role: 'user', content: TASK }]);
      expect(tunnels.length).toBeGreaterThan(0);
      expect(new Set(tunnels)).toEqual(new Set([new URL(emulator().url).host]));
      expect(emulator().requests.map((request) => request.path)).toEqual([
        '/auth',
        '/create-session',
        '/chat',
      ]);
    } finally {
      await agent.close();
    }
  });
});
