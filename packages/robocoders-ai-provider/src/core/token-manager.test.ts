import { APICallError, LoadAPIKeyError } from '@ai-sdk/provider';
import { authPage, createFakeRobocoders, fakeJwt } from '../../test/test-utils/fake-robocoders';
import { createMemoryStore, type RobocodersStore } from './robocoders-store';
import { TOKEN_RENEW_MARGIN_MS, TokenManager } from './token-manager';

const BASE = 'http://robocoders.test';
const KEY = 'robocoders:robocoders.test:token';

function setup(
  options: {
    store?: RobocodersStore;
    now?: () => number;
    auth?: () => string;
    /** Keeps /auth from answering until the promise it returns (if any) settles. */
    hold?: () => Promise<void> | undefined;
  } = {},
) {
  let issued = 0;
  const fake = createFakeRobocoders({
    auth: async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await options.hold?.();
      issued++;
      return { text: options.auth?.() ?? authPage(`token-${issued}`) };
    },
  });
  const store = options.store ?? createMemoryStore();
  const manager = new TokenManager({
    baseURL: BASE,
    fetch: fake.fetch,
    headers: () => ({ 'x-extra': 'yes' }),
    store,
    storeKey: KEY,
    now: options.now,
  });
  return { fake, store, manager };
}

describe('TokenManager', () => {
  it('uses a user key as is without any request', async () => {
    const { fake, manager } = setup();
    expect(await manager.get('user-key')).toEqual({ value: 'user-key', userGiven: true });
    expect(fake.calls).toHaveLength(0);
  });

  it('fetches one token for 50 concurrent callers and sends the configured headers', async () => {
    const { fake, manager, store } = setup();
    const tokens = await Promise.all(Array.from({ length: 50 }, () => manager.get(undefined)));
    expect(new Set(tokens.map((token) => token.value))).toEqual(new Set(['token-1']));
    expect(tokens.every((token) => !token.userGiven)).toBe(true);
    expect(fake.callsTo('/auth')).toHaveLength(1);
    expect(fake.calls[0].headers['x-extra']).toBe('yes');
    expect(await store.getItem(KEY)).toEqual({ token: 'token-1' });
    expect((await manager.get(undefined)).value).toBe('token-1');
    expect(fake.callsTo('/auth')).toHaveLength(1);
  });

  it('reuses a valid token another instance left in a shared store', async () => {
    const store = createMemoryStore();
    const first = setup({ store });
    await first.manager.get(undefined);
    const second = setup({ store });
    expect((await second.manager.get(undefined)).value).toBe('token-1');
    expect(second.fake.calls).toHaveLength(0);
  });

  it('renews a JWT shortly before it expires', async () => {
    let now = 1_000_000_000_000;
    const expSeconds = now / 1000 + 120;
    const { fake, manager } = setup({ now: () => now, auth: () => authPage(fakeJwt(expSeconds)) });
    await manager.get(undefined);
    now += 120_000 - TOKEN_RENEW_MARGIN_MS - 1_000;
    await manager.get(undefined);
    expect(fake.callsTo('/auth')).toHaveLength(1);
    now += 2_000;
    await manager.get(undefined);
    expect(fake.callsTo('/auth')).toHaveLength(2);
  });

  it('ignores an expired token in the store', async () => {
    const store = createMemoryStore();
    await store.setItem(KEY, { token: fakeJwt(Math.floor(Date.now() / 1000) - 10) });
    const { fake, manager } = setup({ store });
    expect((await manager.get(undefined)).value).toBe('token-1');
    expect(fake.callsTo('/auth')).toHaveLength(1);
  });

  it('keeps a token that is not a JWT until it is invalidated', async () => {
    const { fake, manager, store } = setup();
    await manager.get(undefined);
    await manager.get(undefined);
    expect(fake.callsTo('/auth')).toHaveLength(1);
    await manager.invalidate('token-1');
    expect(await store.getItem(KEY)).toBeNull();
    expect((await manager.get(undefined)).value).toBe('token-2');
  });

  it('does not drop a newer token when an old one is invalidated late', async () => {
    const { manager, store } = setup();
    await manager.get(undefined);
    await manager.invalidate('token-1');
    await manager.get(undefined);
    await manager.invalidate('token-1');
    expect(await store.getItem(KEY)).toEqual({ token: 'token-2' });
    expect((await manager.get(undefined)).value).toBe('token-2');
  });

  it('throws LoadAPIKeyError for a page without a token', async () => {
    const { manager } = setup({ auth: () => '<html><body>Sign in first</body></html>' });
    const error = await manager.get(undefined).catch((caught: unknown) => caught);
    expect(LoadAPIKeyError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/no token.*ROBOCODERS_API_KEY/s);
  });

  it('throws APICallError for a non-200 /auth', async () => {
    const fake = createFakeRobocoders({
      auth: () => ({ status: 503, json: { detail: 'maintenance' } }),
    });
    const manager = new TokenManager({
      baseURL: BASE,
      fetch: fake.fetch,
      headers: () => ({}),
      store: createMemoryStore(),
      storeKey: KEY,
    });
    const error = await manager.get(undefined).catch((caught: unknown) => caught);
    expect(APICallError.isInstance(error)).toBe(true);
    expect((error as APICallError).message).toBe(
      'Robocoders GET /auth failed with status 503: maintenance',
    );
    expect((error as APICallError).isRetryable).toBe(true);
  });

  it('lets one caller abort without failing the others, and aborts the fetch when all give up', async () => {
    let held: Promise<void> | undefined;
    const { fake, manager } = setup({ hold: () => held });
    const impatient = new AbortController();
    const first = manager.get(undefined, impatient.signal);
    const second = manager.get(undefined);
    impatient.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect((await second).value).toBe('token-1');

    await manager.invalidate('token-1');
    let release = () => {};
    held = new Promise((resolve) => {
      release = resolve;
    });
    const a = new AbortController();
    const b = new AbortController();
    const pendingA = manager.get(undefined, a.signal).catch((error: unknown) => error);
    const pendingB = manager.get(undefined, b.signal).catch((error: unknown) => error);
    // The second fetch is in flight (held unanswered) before anyone gives up.
    await vi.waitFor(() => expect(fake.callsTo('/auth')).toHaveLength(2));
    a.abort();
    await Promise.resolve();
    expect(fake.callsTo('/auth')[1].aborted).toBe(false);
    b.abort();
    expect(await pendingA).toMatchObject({ name: 'AbortError' });
    expect(await pendingB).toMatchObject({ name: 'AbortError' });
    release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.callsTo('/auth')).toHaveLength(2);
    expect(fake.callsTo('/auth')[1].aborted).toBe(true);
  });
});
