// The README's run command in miniature: `scripts/run-with-emulator.mjs` must bring up the
// emulator and the app together, wire the app to the emulator, and stop both on Ctrl+C.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  appDir,
  exited,
  freePort,
  interrupt,
  reachable,
  spawnLogged,
  waitFor,
} from './harness.mjs';

test('the run command starts the emulator and the app, and Ctrl+C stops both', async () => {
  const port = await freePort();
  const emulatorPort = await freePort();
  const env = { ...process.env, PORT: String(port), EMULATOR_PORT: String(emulatorPort) };
  delete env.ROBOCODERS_BASE_URL;
  delete env.ROBOCODERS_API_KEY;
  const { child, output } = spawnLogged(
    process.execPath,
    [join(appDir, 'scripts', 'run-with-emulator.mjs')],
    { cwd: appDir, env },
  );
  const appUrl = `http://127.0.0.1:${port}`;
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  try {
    await waitFor(`the app on ${appUrl}`, async () => (await fetch(appUrl)).ok, {
      timeoutMs: 90_000,
      giveUp: () => (child.exitCode !== null ? `the run command exited:\n${output()}` : undefined),
    });
    assert.ok(await reachable(`${emulatorUrl}/openapi.json`), 'the emulator answers');

    // One real turn through the app proves the app talks to this emulator, not a default URL.
    const response = await fetch(`${appUrl}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'run-command-check',
        messages: [{ role: 'user', content: 'Say hello' }],
        maxContinuations: 0,
      }),
    });
    assert.equal(response.status, 200);
    const body = await response.text();
    assert.match(body, /^0:"/m, `a text part streamed back:\n${body}`);
    assert.doesNotMatch(body, /^3:/m, `no error part:\n${body}`);
    assert.match(output(), /POST \/chat/, 'the emulator logged the chat request');

    child.kill('SIGINT');
    const { code } = await exited(child);
    assert.equal(code, 0, `clean exit on Ctrl+C:\n${output()}`);
    assert.equal(await reachable(appUrl), false, 'the app is stopped');
    assert.equal(await reachable(`${emulatorUrl}/openapi.json`), false, 'the emulator is stopped');
  } finally {
    await interrupt(child);
  }
});
