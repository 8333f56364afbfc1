import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ai7Outcome, Ai7Results } from './ai7-results.js';

const RUNNER = fileURLToPath(new URL('./run-bench-ai7.js', import.meta.url));

/** The `with-node-22` launcher: the same one the ai 7 test suites run through. */
function withNode22(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('with-node-22/package.json')), 'with-node-22.mjs');
}

/**
 * Runs the ai 7 part (src/run-bench-ai7.ts) under Node 22 with `--expose-gc`, its output
 * forwarded line by line to `log`, and reads the JSON it writes. A failure becomes an outcome
 * saying why, so the ai 4 results are still written.
 */
export async function runAi7Part(
  options: { quick: boolean; timeoutMs: number },
  log: (line: string) => void,
): Promise<Ai7Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-ai7-'));
  const out = join(dir, 'ai7.json');
  const args = [withNode22(), 'node', '--expose-gc', RUNNER, '--out', out];
  if (options.quick) args.push('--quick');
  try {
    const code = await new Promise<number | string>((resolve) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      const timer = setTimeout(() => child.kill('SIGTERM'), options.timeoutMs);
      let stderr = '';
      let pending = '';
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) log(`ai 7 | ${line}`);
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
      });
      child.on('error', (error) => resolve(error.message));
      child.on('close', (exitCode, signal) => {
        clearTimeout(timer);
        if (pending) log(`ai 7 | ${pending}`);
        if (exitCode === 0) resolve(0);
        else
          resolve(`exit ${exitCode ?? signal}: ${stderr.trim().split('\n').slice(-5).join(' ')}`);
      });
    });
    if (code !== 0) return { measured: false, reason: `the ai 7 run failed (${code})` };
    return JSON.parse(readFileSync(out, 'utf8')) as Ai7Results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
