import type { RobocodersLogger } from '../../src/core/logger';
import { createMemoryStore, type RobocodersStore } from '../../src/core/robocoders-store';
import { requestsTo, TASK, useEmulator } from './emulator-fixture';
import { ENTRIES, type EntryResult, entryProvider, otherWarnings } from './entry-calls';

const AGENT = 'GeneralCodingAgent';

/** Every line of every level, in order. */
function recordingLogger() {
  const lines: Array<{ level: keyof RobocodersLogger; line: string }> = [];
  const logger: Required<RobocodersLogger> = {
    debug: (line) => lines.push({ level: 'debug', line }),
    info: (line) => lines.push({ level: 'info', line }),
    warn: (line) => lines.push({ level: 'warn', line }),
    error: (line) => lines.push({ level: 'error', line }),
  };
  const of = (level: keyof RobocodersLogger) =>
    lines.filter((entry) => entry.level === level).map((entry) => entry.line);
  return { logger, lines, of };
}

/**
 * A memory store whose writes can be made to fail with an error that quotes the command, value
 * included, as a Redis replica's does: the token it was given then appears in the error.
 */
function flakyStore() {
  const inner = createMemoryStore();
  const state = { failWrites: false };
  const store: RobocodersStore = {
    getItem: (key) => inner.getItem(key),
    removeItem: (key) => inner.removeItem(key),
    setItem: (key, value, options) =>
      state.failWrites
        ? Promise.reject(
            new Error(
              `READONLY You can't write against a read only replica. (SET ${key} ${JSON.stringify(value)})`,
            ),
          )
        : inner.setItem(key, value, options),
  };
  return { store, state };
}

describe.each(ENTRIES)('the logger, through the %s entry', (entry) => {
  const emulator = useEmulator();

  it('logs every request and every recovered fault, and never a token', async () => {
    const { logger, lines, of } = recordingLogger();
    const { store, state } = flakyStore();
    const robocoders = entryProvider(entry, {
      baseURL: emulator().url,
      maxContinuations: 1,
      continueOnWait: true,
      logger,
      store,
    });
    const options = { conversationId: `logged-${entry}` };
    const results: EntryResult[] = [];
    // Every fault here is recovered from: no call may fail.
    const call = async (content: string) => {
      results.push(await robocoders.generate(AGENT, [{ role: 'user', content }], options));
    };

    // 1. A normal call: token, session, prompt and continuation.
    await call(TASK);
    // 2. Every token revoked: the call's 401 is answered with a new token, which the store
    // refuses with an error quoting it.
    emulator().revokeTokens();
    state.failWrites = true;
    await call('Add tests');
    // 3. A line that is not JSON before every event.
    emulator().fault({ endpoint: '/chat', kind: 'malformed-lines' });
    await call('Run them');
    // 4. The session forgotten by the service.
    const sessionId = results.at(-1)?.robocoders.sessionId as string;
    emulator().forgetSession(sessionId);
    await call('Rename the function');
    // 5. The continuation fails.
    emulator().fault({ endpoint: '/chat', skip: 1, kind: 'status', status: 500 });
    await call('Document it');

    const tokens = [...new Set(emulator().requests.flatMap((request) => request.bearer ?? []))];
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const { line } of lines) {
      for (const token of tokens) expect(line).not.toContain(token);
    }
    for (const result of results) {
      for (const token of tokens) expect(JSON.stringify(result.warnings)).not.toContain(token);
    }

    // One debug line per request the service saw, with method, path, status, time, session.
    const debug = of('debug');
    expect(debug).toHaveLength(emulator().requests.length);
    for (const line of debug) {
      expect(line).toMatch(
        /^robocoders: (GET \/auth|GET \/create-session|POST \/chat) \d{3} in \d+ ms(, session [\w-]+)?$/,
      );
    }
    const chats = debug.filter((line) => line.includes('POST /chat'));
    expect(chats.every((line) => /, session [\w-]+$/.test(line))).toBe(true);
    expect(chats.filter((line) => line.includes(' 401 '))).toHaveLength(1);
    expect(debug.filter((line) => line.includes('GET /auth'))).toHaveLength(2);

    const warn = of('warn');
    expect(warn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^robocoders: the store failed to write ".*:token": READONLY .*\[redacted\]/,
        ),
        expect.stringMatching(
          /^robocoders: skipped \d+ line\(s\) of session [\w-]+ that were not JSON events$/,
        ),
        expect.stringMatching(
          new RegExp(
            `^robocoders: Robocoders session "${sessionId}" is unknown to the service \\(404`,
          ),
        ),
        expect.stringMatching(/^robocoders: the continuation of session [\w-]+ failed: .*500/),
      ]),
    );
    // The call that met the refused write says so too, without the token.
    // The call that met the refused writes says so too (the token's and the renewal of the
    // conversation's session), without the token.
    expect(otherWarnings(results[1])).toEqual([
      expect.stringMatching(/^the store failed to write ".*:token": READONLY .*\[redacted\]/),
      expect.stringMatching(/^the store failed to write ".*:conversation:logged-v\d": READONLY/),
    ]);
    // Each session created and each replacement, as info: one line per /create-session.
    const info = of('info');
    expect(info.filter((line) => /^robocoders: created session "[\w-]+"$/.test(line))).toHaveLength(
      requestsTo(emulator(), '/create-session').length,
    );
    expect(info).toContainEqual(
      expect.stringMatching(
        new RegExp(`^robocoders: Robocoders session "${sessionId}" is unknown`),
      ),
    );
    expect(of('error')).toEqual([]);

    // 6. A stream cut in the middle: the call ends with an error, which is the logger's error.
    emulator().fault({ endpoint: '/chat', kind: 'cut', afterEvents: 1 });
    await expect(
      robocoders.generate(AGENT, [{ role: 'user', content: 'Again' }], options),
    ).rejects.toThrow();
    expect(of('error')).toEqual([
      expect.stringMatching(/^robocoders: the call in session [^ ]+ ended with an error: /),
    ]);
  });

  it('is silent without a logger and takes console as one', async () => {
    const levels = ['debug', 'info', 'warn', 'error'] as const;
    const spies = levels.map((level) => vi.spyOn(console, level).mockImplementation(() => {}));
    try {
      // Without a logger: not a line anywhere, even on a call that recovers from a fault.
      emulator().fault({ endpoint: '/chat', kind: 'malformed-lines' });
      const silent = entryProvider(entry, { baseURL: emulator().url });
      await silent.generate(AGENT, [{ role: 'user', content: TASK }]);
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();

      const robocoders = entryProvider(entry, { baseURL: emulator().url, logger: console });
      await robocoders.generate(AGENT, [{ role: 'user', content: TASK }]);
      expect(spies[0]).toHaveBeenCalledWith(
        expect.stringMatching(/^robocoders: GET \/auth 200 in/),
      );
      expect(spies[1]).toHaveBeenCalledWith(expect.stringMatching(/^robocoders: created session/));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
