// Shared pieces of the example apps' end-to-end tests: a production `next start` on a free port,
// Debian's Chromium through playwright-core with a fresh profile, a real emulator, screenshots.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startEmulator } from 'robocoders-emulator';
import { waitFor as waitForShared } from 'robocoders-emulator/testing';

/** Chromium flags verified on the project's machines (see shared/docs/toolchain.md). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A TCP port that was free a moment ago on 127.0.0.1. */
export async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The emulator's `waitFor`, with a default deadline for a busy machine (slow, never wrong). */
export const waitFor = (what, check, options = {}) =>
  waitForShared(what, check, { timeoutMs: 60_000, ...options });

/** Runs a child process and keeps its output for failure messages. */
export function spawnLogged(command, args, options) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  return { child, output: () => output };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until a child process exits (or has already). */
export function exited(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/**
 * Stops a run command the way Ctrl+C does, so it stops its own children (a SIGKILL alone would
 * leave `next start` running); SIGKILL only if it has not exited after that.
 */
export async function interrupt(child, graceMs = 15000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGINT');
  const gone = await Promise.race([
    exited(child).then(() => true),
    sleep(graceMs).then(() => false),
  ]);
  if (!gone) child.kill('SIGKILL');
}

/** Whether something accepts HTTP on `url` (any status). */
export async function reachable(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

/** Starts the production build of the app in `appDir` with `next start` on a free port. */
export async function startApp(appDir, env = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const nextBin = createRequire(join(appDir, 'package.json')).resolve('next/dist/bin/next');
  const { child, output } = spawnLogged(
    process.execPath,
    [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)],
    { cwd: appDir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env } },
  );
  try {
    // Any answer counts: an app's `/` may redirect.
    await waitFor(`next start on ${url}`, async () => (await fetch(url)).status < 500, {
      timeoutMs: 90_000,
      giveUp: () => (child.exitCode !== null ? `next start exited:\n${output()}` : undefined),
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    output,
    async stop() {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

/** Debian's Chromium (`CHROMIUM_PATH` overrides) with a fresh profile, removed by `close()`. */
export async function launchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'example-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1100, height: 900 },
    colorScheme: 'light',
  });
  // Generous waits: the tests judge what happens, never how fast, and the machine may be busy.
  context.setDefaultTimeout(60000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The emulator, the app and a browser for one e2e file: the emulator in the test process (so the
 * test can queue faults and read its request log, paced so streaming is visible), the app's
 * production build pointed at it and fetching its own token, and Chromium.
 */
export async function startE2eStack(appDir, { paceMs = 40, env = {} } = {}) {
  const emulator = await startEmulator({ paceMs });
  // The app must fetch its own token from the emulator, as it does with the run command.
  delete process.env.ROBOCODERS_API_KEY;
  const app = await startApp(appDir, { ROBOCODERS_BASE_URL: emulator.url, ...env });
  const browser = await launchBrowser();
  return {
    emulator,
    app,
    browser,
    async stop() {
      await browser.close();
      await app.stop();
      await emulator.close();
    },
  };
}

/** Saves a screenshot of the page as `<appDir>/test-results/<name>.png` (or `options.path`). */
export async function screenshot(appDir, page, name, options = {}) {
  const resultsDir = join(appDir, 'test-results');
  mkdirSync(resultsDir, { recursive: true });
  const path = options.path ?? join(resultsDir, `${name}.png`);
  await page.screenshot({ path, ...options, fullPage: options.fullPage ?? false });
  return path;
}

/**
 * The app's run command (`scripts/run-with-emulator.mjs`, what `pnpm example` runs) on free
 * ports, with no Robocoders service configured, once the app and its emulator both answer.
 * `ctrlC()` stops it as Ctrl+C does and says how it exited and what still answers.
 */
export async function startRunCommand(appDir, env = {}) {
  const port = await freePort();
  const emulatorPort = await freePort();
  const childEnv = {
    ...process.env,
    PORT: String(port),
    EMULATOR_PORT: String(emulatorPort),
    ...env,
  };
  delete childEnv.ROBOCODERS_BASE_URL;
  delete childEnv.ROBOCODERS_API_KEY;
  const { child, output } = spawnLogged(
    process.execPath,
    [join(appDir, 'scripts', 'run-with-emulator.mjs')],
    { cwd: appDir, env: childEnv },
  );
  const appUrl = `http://127.0.0.1:${port}`;
  const emulatorUrl = `http://127.0.0.1:${emulatorPort}`;
  try {
    await waitFor(`the app on ${appUrl}`, async () => (await fetch(appUrl)).status < 500, {
      timeoutMs: 90_000,
      giveUp: () => (child.exitCode !== null ? `the run command exited:\n${output()}` : undefined),
    });
    await waitFor('the emulator beside it', () => reachable(`${emulatorUrl}/openapi.json`));
  } catch (error) {
    await interrupt(child);
    throw error;
  }
  return {
    appUrl,
    emulatorUrl,
    output,
    async ctrlC() {
      child.kill('SIGINT');
      const { code } = await exited(child);
      return {
        code,
        appAnswers: await reachable(appUrl),
        emulatorAnswers: await reachable(`${emulatorUrl}/openapi.json`),
      };
    },
    /** Whatever happened: nothing is left running. */
    stop: () => interrupt(child),
  };
}
