// The test of a terminal example: run as a user would, offline (without the service's
// environment variables, so it starts the emulator itself), it streams an answer and exits 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/**
 * @param {string} script
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function runExample(script, args) {
  const env = { ...process.env };
  delete env.ROBOCODERS_API_KEY;
  delete env.ROBOCODERS_BASE_URL;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Registers the test of the example script at `scriptUrl`. @param {URL} scriptUrl */
export function testTerminalExample(scriptUrl) {
  test('streams an answer from the local emulator and exits 0', async () => {
    const script = fileURLToPath(scriptUrl);
    const { code, stdout, stderr } = await runExample(script, [
      'Write a factorial function in Python',
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /factorial\.py/);
  });
}
