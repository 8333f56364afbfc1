// `pnpm example:agent` in miniature: the run script must bring up the emulator and the app
// together, wire the app to that emulator, print both URLs, and stop both on Ctrl+C.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exited, freePort, interrupt, reachable, spawnLogged, waitFor } from 'example-support/e2e';

const appDir = fileURLToPath(new URL('..', import.meta.url));

test('the run command starts the emulator and the app, and Ctrl+C stops both', async () => {
  const port = await freePort();
  const emulatorPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'next-agent-run-'));
  const env = {
    ...process.env,
    PORT: String(port),
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_PACE_MS: '0',
    AGENT_DATA_DIR: dataDir,
  };
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
    await waitFor(`the app on ${appUrl}`, async () => (await fetch(appUrl)).status < 500, {
      timeoutMs: 60000,
      giveUp: () => (child.exitCode !== null ? `the run command exited:\n${output()}` : undefined),
    });
    assert.ok(await reachable(`${emulatorUrl}/openapi.json`), 'the emulator answers');
    assert.match(output(), new RegExp(`Agent app: ${appUrl}`), 'the app URL is printed');
    assert.match(output(), new RegExp(`emulator on ${emulatorUrl}`), 'the emulator URL too');

    // One turn through the app proves it talks to this emulator and keeps the chat.
    const response = await fetch(`${appUrl}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'run-command-check',
        trigger: 'submit-message',
        message: { id: 'q1', role: 'user', parts: [{ type: 'text', text: 'Say hello' }] },
      }),
    });
    assert.equal(response.status, 200);
    const body = await response.text();
    assert.match(body, /"type":"text-delta"/, `a text part streamed back:\n${body}`);
    assert.doesNotMatch(body, /"type":"error"/, `no error part:\n${body}`);
    assert.match(output(), /POST \/chat/, 'the emulator logged the chat request');
    const chats = await (await fetch(`${appUrl}/api/chats`)).json();
    assert.deepEqual(
      chats.map((chat) => chat.id),
      ['run-command-check'],
    );
    assert.ok(existsSync(join(dataDir, 'chats', 'run-command-check')), 'kept in AGENT_DATA_DIR');

    child.kill('SIGINT');
    const { code } = await exited(child);
    assert.equal(code, 0, `clean exit on Ctrl+C:\n${output()}`);
    assert.equal(await reachable(appUrl), false, 'the app is stopped');
    assert.equal(await reachable(`${emulatorUrl}/openapi.json`), false, 'the emulator is stopped');
  } finally {
    await interrupt(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
