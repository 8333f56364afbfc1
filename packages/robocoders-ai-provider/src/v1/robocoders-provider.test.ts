import { NoSuchModelError } from '@ai-sdk/provider';
import { convertReadableStreamToArray } from '@ai-sdk/provider-utils/test';
import { createFakeRobocoders } from '../../test/test-utils/fake-robocoders';
import { createMemoryStore, type RobocodersStore } from '../core/robocoders-store';
import { createRobocoders, robocoders } from './robocoders-provider';

const options = {
  inputFormat: 'prompt' as const,
  mode: { type: 'regular' as const },
  prompt: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }],
};

describe('createRobocoders', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('returns a callable provider with languageModel and chat', () => {
    const provider = createRobocoders();
    for (const model of [
      provider('RepoAgent'),
      provider.languageModel('RepoAgent'),
      provider.chat('RepoAgent'),
    ]) {
      expect(model).toMatchObject({ provider: 'robocoders.chat', modelId: 'RepoAgent' });
    }
    expect(robocoders('FrontEndAgent').modelId).toBe('FrontEndAgent');
  });

  it('passes conversationTtlSeconds (default 7 days) as the ttl of a conversation entry', async () => {
    const ttlOf = async (settings: { conversationTtlSeconds?: number }) => {
      const inner = createMemoryStore();
      const ttls: Array<number | undefined> = [];
      const store: RobocodersStore = {
        ...inner,
        setItem: (key, value, setOptions) => {
          if (key.includes(':conversation:')) ttls.push(setOptions?.ttl);
          return inner.setItem(key, value, setOptions);
        },
      };
      const fake = createFakeRobocoders();
      const model = createRobocoders({
        baseURL: 'http://robocoders.test',
        fetch: fake.fetch,
        store,
        ...settings,
      })('RepoAgent');
      const { stream } = await model.doStream({
        ...options,
        providerMetadata: { robocoders: { conversationId: 'c' } },
      });
      await convertReadableStreamToArray(stream);
      return ttls;
    };
    expect(await ttlOf({})).toEqual([604_800]);
    expect(await ttlOf({ conversationTtlSeconds: 60 })).toEqual([60]);
    // 0: no expiry.
    expect(await ttlOf({ conversationTtlSeconds: 0 })).toEqual([undefined]);
  });

  it('cannot be called with new', () => {
    const provider = createRobocoders();
    expect(() => new (provider as unknown as new (id: string) => unknown)('RepoAgent')).toThrow(
      /new keyword/,
    );
  });

  it('has no embedding models', () => {
    expect(() => createRobocoders().textEmbeddingModel('x')).toThrowError(
      expect.objectContaining({ name: 'AI_NoSuchModelError', modelId: 'x' }),
    );
    let thrown: unknown;
    try {
      createRobocoders().textEmbeddingModel('x');
    } catch (error) {
      thrown = error;
    }
    expect(NoSuchModelError.isInstance(thrown)).toBe(true);
  });

  it('validates maxContinuations and continuePrompt', () => {
    expect(() => createRobocoders({ maxContinuations: -1 })).toThrowError(/maxContinuations/);
    expect(() => createRobocoders({ maxContinuations: 21 })).toThrowError(/maxContinuations/);
    expect(() =>
      createRobocoders().languageModel('RepoAgent', { continuePrompt: '' }),
    ).toThrowError(/continuePrompt/);
    expect(() => createRobocoders({ maxContinuations: 0.5 })).toThrowError(
      expect.objectContaining({
        name: 'AI_InvalidArgumentError',
        message: expect.stringMatching(/maxContinuations/),
      }),
    );
  });

  it('reads ROBOCODERS_BASE_URL and ROBOCODERS_API_KEY when the call is made', async () => {
    const fake = createFakeRobocoders();
    const provider = createRobocoders({ fetch: fake.fetch, maxContinuations: 0 });
    vi.stubEnv('ROBOCODERS_BASE_URL', 'http://env-host.test/');
    vi.stubEnv('ROBOCODERS_API_KEY', 'env-key');
    const result = await provider('RepoAgent').doStream(options);
    await result.stream.cancel();
    expect(fake.calls.map((call) => call.path)).toEqual(['/create-session', '/chat']);
    expect(fake.calls[0].headers.authorization).toBe('Bearer env-key');
  });

  it('defaults to the hosted service', async () => {
    const urls: string[] = [];
    const provider = createRobocoders({
      apiKey: 'k',
      fetch: async (url) => {
        urls.push(String(url));
        throw new TypeError('offline');
      },
    });
    await Promise.resolve(provider('RepoAgent').doStream(options)).catch(() => {});
    expect(urls).toEqual(['https://api.robocoders.ai/create-session']);
  });

  it('rejects an invalid baseURL with a clear error', async () => {
    const provider = createRobocoders({ baseURL: 'not a url' });
    await expect(provider('RepoAgent').doStream(options)).rejects.toThrow(/baseURL "not a url"/);
  });

  it('gives a user Authorization header no way to replace the bearer token', async () => {
    const fake = createFakeRobocoders();
    const provider = createRobocoders({
      baseURL: 'http://x.test',
      apiKey: 'mine',
      headers: { Authorization: 'Basic abc', 'X-Team': 't1' },
      fetch: fake.fetch,
    });
    const result = await provider('RepoAgent').doStream(options);
    await result.stream.cancel();
    expect(fake.calls[0].headers.authorization).toBe('Bearer mine');
    expect(fake.calls[0].headers['x-team']).toBe('t1');
  });
});
