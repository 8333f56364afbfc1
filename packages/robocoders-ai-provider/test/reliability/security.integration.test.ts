import { APICallError, InvalidArgumentError, LoadAPIKeyError } from '@ai-sdk/provider';
import { generateText, streamText } from 'ai';
import type { RunningEmulator } from 'robocoders-emulator';
import type { RobocodersStore, RobocodersStoredValue } from '../../src/core/robocoders-store';
import { providerFor, requestsTo, TASK, useEmulator } from '../integration/emulator-fixture';
import { MATRIX_AGENT, runDoStream, serialiseDeep } from './matrix-harness';

function authPage(emulator: RunningEmulator, body: string | Buffer) {
  emulator.fault({
    endpoint: '/auth',
    kind: 'status',
    status: 200,
    body: typeof body === 'string' ? body : body.toString('latin1'),
    headers: { 'content-type': 'text/html; charset=utf-8' },
  });
}

/** A store that records every write, to inspect keys and values. */
function recordingStore() {
  const items = new Map<string, RobocodersStoredValue>();
  const writes: Array<{ key: string; value: RobocodersStoredValue }> = [];
  const store: RobocodersStore = {
    getItem: async (key) => items.get(key) ?? null,
    setItem: async (key, value) => {
      writes.push({ key, value });
      items.set(key, value);
    },
    removeItem: async (key) => {
      items.delete(key);
    },
  };
  return { store, writes, items };
}

describe('security', () => {
  const emulator = useEmulator();

  describe('hostile /auth pages', () => {
    const noToken = async () => {
      const observed = await runDoStream(providerFor(emulator())(MATRIX_AGENT));
      expect(observed.thrown).toBeInstanceOf(Error);
      expect(LoadAPIKeyError.isInstance(observed.thrown)).toBe(true);
      const message = (observed.thrown as Error).message;
      expect(message).toMatch(/has no token/);
      // The page itself is never pasted into the message.
      expect(message.length).toBeLessThan(400);
      expect(requestsTo(emulator(), '/create-session')).toHaveLength(0);
    };

    it('rejects a 5 MB page without a token with a clear LoadAPIKeyError', async () => {
      authPage(
        emulator(),
        `<html><body>${'<p>lorem ipsum dolor</p>'.repeat(220_000)}</body></html>`,
      );
      await noToken();
    });

    it('survives 20 000 levels of nested markup', async () => {
      authPage(emulator(), `${'<div><span>'.repeat(10_000)}x${'</span></div>'.repeat(10_000)}`);
      await noToken();
    });

    it('finds the token after a huge, deeply nested page', async () => {
      const token = await emulator().issueToken();
      authPage(
        emulator(),
        `${'<div>'.repeat(5_000)}${'<p>filler</p>'.repeat(50_000)}<pre id="token">\n ${token} \n</pre>`,
      );
      const observed = await runDoStream(
        providerFor(emulator(), { maxContinuations: 0 })(MATRIX_AGENT),
      );
      expect(observed.finishReason).toBe('stop');
      expect(requestsTo(emulator(), '/chat')[0].bearer).toBe(token);
    });

    it.each([
      ['no token element', '<html><body><h1>Sign in</h1></body></html>'],
      ['an empty token element', '<pre id="token">   \n  </pre>'],
      ['the id on another element', '<div id="token">abc.def.ghi</div>'],
      [
        'a token only inside a script',
        `<script>document.write('<pre id="token">x.y.z</pre>')</script>`,
      ],
      ['a token only inside a comment', '<!-- <pre id="token">x.y.z</pre> -->'],
      ['a token only inside a textarea', '<textarea><pre id="token">x.y.z</pre></textarea>'],
      ['binary garbage', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37) % 256))],
    ])('rejects a page with %s', async (_name, page) => {
      authPage(emulator(), page);
      await noToken();
    });
  });

  describe('provider options', () => {
    it.each([
      '../other-session',
      'abc/def',
      'abc?x=1',
      'abc#frag',
      'abc\r\nX-Injected: 1',
      'abc\nHost: evil.example',
      'abc def',
      '%2e%2e',
      'séance',
      '',
      'a'.repeat(129),
    ])('rejects sessionId %j before any request', async (sessionId) => {
      const observed = await runDoStream(providerFor(emulator())(MATRIX_AGENT), {
        providerOptions: { robocoders: { sessionId } },
      });
      expect(InvalidArgumentError.isInstance(observed.thrown)).toBe(true);
      expect((observed.thrown as Error).message).toMatch(/sessionId/);
      expect(emulator().requests).toHaveLength(0);
    });

    it.each(['abc\r\nX-Injected: 1', 'with space', 'tab\there', 'naïve', '', 'a'.repeat(257)])(
      'rejects conversationId %j before any request',
      async (conversationId) => {
        const observed = await runDoStream(providerFor(emulator())(MATRIX_AGENT), {
          providerOptions: { robocoders: { conversationId } },
        });
        expect(InvalidArgumentError.isInstance(observed.thrown)).toBe(true);
        expect(emulator().requests).toHaveLength(0);
      },
    );
  });

  it('keeps store keys namespaced, one segment per conversation, and free of the token', async () => {
    const { store, writes, items } = recordingStore();
    const robocoders = providerFor(emulator(), { store, maxContinuations: 0 });
    const ids = ['../../etc/passwd', 'a:b:c', 'x/y', '..', '%2e%2e', 'chat*?~!'];
    for (const conversationId of ids) {
      await generateText({
        model: robocoders('RepoAgent'),
        prompt: 'hi',
        providerOptions: { robocoders: { conversationId } },
      });
    }
    const token = requestsTo(emulator(), '/chat')[0].bearer as string;
    const prefix = `robocoders:${new URL(emulator().url).host}:`;
    const keys = [...new Set(writes.map((write) => write.key))];
    expect(keys).toHaveLength(ids.length + 1);
    for (const key of keys) {
      expect(key.startsWith(prefix)).toBe(true);
      expect(key).not.toContain(token);
      const rest = key.slice(prefix.length);
      // Exactly one segment after `conversation:`, with no '/', '.', ':' or '..' left in it.
      expect(rest).toMatch(/^(token|conversation:[A-Za-z0-9%_-]+)$/);
    }
    for (const write of writes) {
      if (write.key.endsWith(':token')) expect(write.value).toEqual({ token });
      else expect(Object.keys(write.value)).toEqual(['sid']);
    }
    expect(items.size).toBe(ids.length + 1);
  });

  it('keeps a token the server echoes back out of errors, headers, parts and logs', async () => {
    const token = await emulator().issueToken();
    const echo = { detail: `token ${token} is not allowed here` };
    const headers = { 'x-echo-authorization': `Bearer ${token}` };
    const logged: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args);
      }),
    );
    try {
      const exposed: unknown[] = [];
      const scenarios = [
        { endpoint: '/create-session' as const, status: 500 },
        { endpoint: '/chat' as const, status: 403 },
        // A failed continuation keeps the answer: its error is in continuationError.
        { endpoint: '/chat' as const, status: 500, skip: 1 },
        { endpoint: '/chat' as const, status: 404 },
      ];
      for (const scenario of scenarios) {
        authPage(emulator(), `<pre id="token">${token}</pre>`);
        emulator().fault({ kind: 'status', body: echo, headers, ...scenario });
        const observed = await runDoStream(
          providerFor(emulator(), { continueOnWait: true })(MATRIX_AGENT),
        );
        const error = observed.thrown ?? observed.errorPart;
        if ('skip' in scenario) {
          expect(error).toBeUndefined();
          expect(observed.continuationError).toMatchObject({
            statusCode: 500,
            message: expect.stringContaining('[redacted]'),
          });
        } else {
          expect(APICallError.isInstance(error)).toBe(true);
          expect((error as APICallError).message).toContain('[redacted]');
        }
        exposed.push(observed.exposed);
      }
      // The same through ai, whose results and callbacks carry the provider's values.
      authPage(emulator(), `<pre id="token">${token}</pre>`);
      emulator().fault({
        endpoint: '/chat',
        kind: 'status',
        status: 500,
        body: echo,
        headers,
        skip: 1,
      });
      const errors: unknown[] = [];
      const result = streamText({
        model: providerFor(emulator(), { continueOnWait: true })('RepoAgent'),
        prompt: TASK,
        onError: ({ error }) => {
          errors.push(error);
        },
      });
      const fromAi: unknown[] = [];
      for await (const part of result.fullStream) fromAi.push(part);
      const metadata = await result.providerMetadata;
      fromAi.push(await result.request, await result.response, await result.warnings, metadata);
      // The continuation's 500, with the echoed token, reached the metadata, redacted.
      expect(errors).toHaveLength(0);
      expect(metadata?.robocoders.continuationError).toMatchObject({
        statusCode: 500,
        message: expect.stringContaining('[redacted]'),
      });
      expect(serialiseDeep([fromAi, errors])).not.toContain(token);
      exposed.push(...fromAi, ...errors);
      const serialised = serialiseDeep(exposed);
      expect(serialised).toContain('[redacted]');
      expect(serialised).not.toContain(token);
      expect(serialiseDeep(logged)).not.toContain(token);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
