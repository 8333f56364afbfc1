// The wrapper must put Node 22 in front of whatever Node runs pnpm, for the command and its children.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const wrapper = fileURLToPath(new URL('./with-node-22.mjs', import.meta.url));

test('runs the command with Node 22 first on PATH', async () => {
  const { stdout } = await run(process.execPath, [wrapper, 'node', '-p', 'process.versions.node']);
  assert.match(stdout.trim(), /^22\./);
});

test('a child started by the command through PATH is on Node 22 too', async () => {
  const script = "require('child_process').execFileSync('node', ['-v'], { stdio: 'inherit' })";
  const { stdout } = await run(process.execPath, [wrapper, 'node', '-e', script]);
  assert.match(stdout.trim(), /^v22\./);
});

test("passes the command's exit code on", async () => {
  await assert.rejects(run(process.execPath, [wrapper, 'node', '-e', 'process.exit(3)']), {
    code: 3,
  });
});
