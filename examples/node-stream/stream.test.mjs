// Runs the example as a user would, offline against the emulator it starts itself, and checks
// that it streams an agent's answer and exits cleanly.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./stream.mjs', import.meta.url));

/**
 * @param {string[]} args
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function run(args) {
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

test('streams an answer from the local emulator and exits 0', async () => {
  const { code, stdout, stderr } = await run(['Write a factorial function in Python']);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /factorial\.py/);
});
