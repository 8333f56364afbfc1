// The README's run command in miniature: `scripts/run-with-emulator.mjs` must bring up the
// emulator and the app together, wire the app to the emulator, and stop both on Ctrl+C.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startRunCommand, waitFor } from 'example-support/e2e';
import { appDir } from './harness.mjs';

test('the run command starts the emulator and the app, and Ctrl+C stops both', async () => {
  const run = await startRunCommand(appDir);
  try {
    // One real turn through the app proves the app talks to this emulator, not a default URL.
    const response = await fetch(`${run.appUrl}/api/chat`, {
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
    // The emulator logs a request when its response ends, a moment after the app's answer.
    await waitFor('the emulator to log the chat request', () => /POST \/chat/.test(run.output()));

    const stopped = await run.ctrlC();
    assert.deepEqual(stopped, { code: 0, appAnswers: false, emulatorAnswers: false }, run.output());
  } finally {
    await run.stop();
  }
});
