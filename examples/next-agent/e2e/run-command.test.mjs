// `pnpm example:agent` in miniature: the run script must bring up the emulator and the app
// together, wire the app to that emulator, print both URLs, and stop both on Ctrl+C.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startRunCommand, waitFor } from 'example-support/e2e';

const appDir = fileURLToPath(new URL('..', import.meta.url));

test('the run command starts the emulator and the app, and Ctrl+C stops both', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'next-agent-run-'));
  const run = await startRunCommand(appDir, { EMULATOR_PACE_MS: '0', AGENT_DATA_DIR: dataDir });
  try {
    assert.match(run.output(), new RegExp(`Agent app: ${run.appUrl}`), 'the app URL is printed');
    assert.match(run.output(), new RegExp(`emulator on ${run.emulatorUrl}`), 'the emulator URL');

    // One turn through the app proves it talks to this emulator and keeps the chat.
    const response = await fetch(`${run.appUrl}/api/chat`, {
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
    // The emulator logs a request when its response ends, a moment after the app's answer.
    await waitFor('the emulator to log the chat request', () => /POST \/chat/.test(run.output()));
    const chats = await (await fetch(`${run.appUrl}/api/chats`)).json();
    assert.deepEqual(
      chats.map((chat) => chat.id),
      ['run-command-check'],
    );
    assert.ok(existsSync(join(dataDir, 'chats', 'run-command-check')), 'kept in AGENT_DATA_DIR');

    const stopped = await run.ctrlC();
    assert.deepEqual(stopped, { code: 0, appAnswers: false, emulatorAnswers: false }, run.output());
  } finally {
    await run.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
