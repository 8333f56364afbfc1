import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs, USAGE } from './cli-args.js';
import { EMULATOR_VERSION } from './version.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = fileURLToPath(new URL('../bin/robocoders-emulator.js', import.meta.url));
const run = promisify(execFile);

beforeAll(async () => {
  // `turbo run test` builds first; a bare `vitest run` on a fresh clone builds here.
  if (!existsSync(new URL('../dist/cli.js', import.meta.url))) {
    await run('pnpm', ['exec', 'tsup'], { cwd: packageDir });
  }
}, 60_000);

describe('parseCliArgs', () => {
  it('applies the CLI defaults', () => {
    expect(parseCliArgs([])).toEqual({
      kind: 'serve',
      quiet: false,
      options: {
        host: '127.0.0.1',
        port: 4010,
        paceMs: 150,
        tokenTtlSeconds: 3600,
        stepBudget: 25,
        observations: true,
        openHandsEnvelope: true,
      },
    });
  });

  it('reads every flag', () => {
    const argv = ['--host', '0.0.0.0', '--port', '0', '--pace', '5', '--token-ttl', '60'];
    argv.push('--step-budget', '3', '--no-observations', '--no-openhands-envelope', '--quiet');
    expect(parseCliArgs(argv)).toEqual({
      kind: 'serve',
      quiet: true,
      options: {
        host: '0.0.0.0',
        port: 0,
        paceMs: 5,
        tokenTtlSeconds: 60,
        stepBudget: 3,
        observations: false,
        openHandsEnvelope: false,
      },
    });
  });

  it('streams the envelope unless --no-openhands-envelope (--openhands-envelope is accepted)', () => {
    const command = parseCliArgs(['--openhands-envelope']);
    expect(command.kind === 'serve' && command.options.openHandsEnvelope).toBe(true);
    const off = parseCliArgs(['--no-openhands-envelope']);
    expect(off.kind === 'serve' && off.options.openHandsEnvelope).toBe(false);
  });

  it('rejects unknown flags and bad numbers, naming them', () => {
    expect(() => parseCliArgs(['--nope'])).toThrow(/--nope/);
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port must be a non-negative integer/);
  });
});

describe('robocoders-emulator (built CLI)', () => {
  it('prints usage for --help', async () => {
    const { stdout } = await run(process.execPath, [bin, '--help']);
    expect(stdout).toBe(USAGE);
    for (const flag of [
      '--host',
      '--port',
      '--pace',
      '--token-ttl',
      '--step-budget',
      '--no-observations',
      '--no-openhands-envelope',
      '--quiet',
    ]) {
      expect(stdout).toContain(flag);
    }
  });

  it('exits with 2 and the usage on a bad flag', async () => {
    const failure = await run(process.execPath, [bin, '--bogus']).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain('Usage: robocoders-emulator');
  });

  it('serves on a free port, logs requests without tokens and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [bin, '--port', '0', '--pace', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const check = () => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
          if (match?.[1]) resolve(match[1]);
        };
        child.stdout.on('data', check);
        child.once('exit', (code) => reject(new Error(`CLI exited early with ${code}`)));
      });
      const page = await (await fetch(`${url}/auth`)).text();
      expect(page).toContain('<pre id="token"');
      const token = /id="token"[^>]*>\s*(\S+)/.exec(page)?.[1] ?? '';
      await fetch(`${url}/create-session`, { headers: { authorization: `Bearer ${token}` } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/GET \/auth 200/);
    expect(stdout).toMatch(/GET \/create-session 200/);
    expect(stdout).toContain('shutting down');
  });
});

describe('version', () => {
  it('matches package.json', async () => {
    const { default: pkg } = await import('../package.json', { with: { type: 'json' } });
    expect(EMULATOR_VERSION).toBe(pkg.version);
  });
});
