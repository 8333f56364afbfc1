#!/usr/bin/env node
// Runs `with-node-22 <command> [args...]` with the Node 22 binary of the npm `node` package first
// on PATH, so the command and every `node` it starts (bin shims, child processes) run on Node 22.
// Workspaces that test ai 7 next to older majors run only their ai 7 suites through this; the
// rest keeps the Node that runs pnpm.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The folder holding the `node` binary of the pinned npm `node` package. */
export function node22BinDir() {
  return join(dirname(require.resolve('node/package.json')), 'bin');
}

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: with-node-22 <command> [args...]');
  process.exit(2);
}

const env = { ...process.env, PATH: `${node22BinDir()}${delimiter}${process.env.PATH ?? ''}` };
const child = spawn(command, args, { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('error', (error) => {
  console.error(`with-node-22: could not run ${command}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
