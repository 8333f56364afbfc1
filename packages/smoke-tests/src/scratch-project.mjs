// Helpers of the consumer smoke tests: pack the workspace packages the way `pnpm publish` would,
// install the tarballs into scratch projects outside the workspace with npm, and run scripts there.
import { execFile, spawn } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * What a failed child process said.
 *
 * @param {any} error a rejection of `execFile`
 * @returns {string}
 */
function output(error) {
  return `${error.stderr ?? ''}${error.stdout ?? ''}` || String(error.message ?? error);
}

/** The monorepo's packages folder. */
export const PACKAGES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Packs a workspace package with `pnpm pack` into `destination`.
 *
 * @param {string} name folder name under packages/
 * @param {string} destination
 * @returns {Promise<string>} absolute path of the tarball
 */
export async function packWorkspacePackage(name, destination) {
  await mkdir(destination, { recursive: true });
  const before = new Set(await readdir(destination));
  try {
    await run('pnpm', ['pack', '--pack-destination', destination], {
      cwd: join(PACKAGES_DIR, name),
    });
  } catch (error) {
    throw new Error(`pnpm pack of ${name} failed:\n${output(error)}`);
  }
  const created = (await readdir(destination)).filter(
    (file) => file.endsWith('.tgz') && !before.has(file),
  );
  if (created.length !== 1) {
    throw new Error(`pnpm pack of ${name} produced ${created.length} tarballs: ${created}`);
  }
  return join(destination, created[0]);
}

/**
 * Creates a scratch project and installs `dependencies` with npm (tarballs as `file:` specs,
 * everything else from the registry; a warm npm cache makes this fast).
 *
 * @param {string} dir
 * @param {Record<string, string>} dependencies
 */
export async function installScratchProject(dir, dependencies) {
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'scratch', private: true, version: '0.0.0', dependencies }, null, 2)}\n`,
  );
  try {
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
      { cwd: dir },
    );
  } catch (error) {
    throw new Error(`npm install in ${dir} failed:\n${output(error)}`);
  }
}

/**
 * Runs `node file` in `cwd` and parses the JSON line it prints last.
 *
 * @param {string} cwd
 * @param {string} file
 * @param {Record<string, string>} env
 * @returns {Promise<any>}
 */
export async function runNodeScript(cwd, file, env) {
  let stdout;
  try {
    ({ stdout } = await run(process.execPath, [file], {
      cwd,
      env: { ...process.env, ...env },
      timeout: 60_000,
    }));
  } catch (error) {
    throw new Error(`node ${file} failed:\n${output(error)}`);
  }
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last);
}

/**
 * Starts the emulator through the bin of the installed tarball on a free port.
 *
 * @param {string} projectDir a project with robocoders-emulator installed
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export function startInstalledEmulator(projectDir) {
  const bin = join(projectDir, 'node_modules', '.bin', 'robocoders-emulator');
  const child = spawn(bin, ['--port', '0', '--pace', '0', '--quiet'], {
    cwd: projectDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolveStart, rejectStart) => {
    let output = '';
    const timer = setTimeout(() => {
      stop();
      rejectStart(new Error(`the emulator did not start in 15 s:\n${output}`));
    }, 15_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveStart({ url: match[1], stop });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      output += chunk;
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      rejectStart(new Error(`the emulator exited with ${code}:\n${output}`));
    });
  });
}
