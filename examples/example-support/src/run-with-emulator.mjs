// The run command of the example apps: starts the app and, unless a real Robocoders service is
// configured, a local emulator beside it. Ctrl+C (SIGINT) or SIGTERM stops both. `--dev` runs
// `next dev` instead of `next start` (which needs a production build first).
//
// Environment: HOST (127.0.0.1), PORT (3000), EMULATOR_PORT (4010), EMULATOR_PACE_MS (120),
// ROBOCODERS_BASE_URL / ROBOCODERS_API_KEY (either one set: no emulator, use that service).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

function intFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${name} must be an integer from 0 to 65535, got "${raw}"`);
    process.exit(2);
  }
  return value;
}

/**
 * Runs the Next.js app in `appDir` with an emulator beside it, as its `start`/`dev` script.
 *
 * @param {{ appDir: string, appName: string, label: string }} app the app's folder, its package
 *   name (for the build hint) and what the printed URL is called ("Chat app")
 */
export async function runWithEmulator({ appDir, appName, label }) {
  const dev = process.argv.includes('--dev');
  const host = process.env.HOST || '127.0.0.1';
  const port = intFromEnv('PORT', 3000);
  const emulatorPort = intFromEnv('EMULATOR_PORT', 4010);
  const paceMs = intFromEnv('EMULATOR_PACE_MS', 120);
  const useRealService = Boolean(process.env.ROBOCODERS_BASE_URL || process.env.ROBOCODERS_API_KEY);

  if (!dev && !existsSync(join(appDir, '.next', 'BUILD_ID'))) {
    console.error(`No production build found: run \`pnpm --filter ${appName} build\` first.`);
    process.exit(1);
  }

  let emulator;
  let app;
  let stopping = false;

  async function stopAll(exitCode) {
    if (stopping) return;
    stopping = true;
    if (app && app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app.once('exit', resolve));
      app.kill('SIGTERM');
      // next exits promptly on SIGTERM; do not hang the terminal if it does not.
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
      if (app.exitCode === null && app.signalCode === null) app.kill('SIGKILL');
    }
    if (emulator) await emulator.close();
    process.exit(exitCode);
  }

  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? '1',
  };

  if (useRealService) {
    const target = process.env.ROBOCODERS_BASE_URL || 'the default Robocoders service';
    console.log(`Using ${target} (ROBOCODERS_BASE_URL / ROBOCODERS_API_KEY are set): no emulator.`);
  } else {
    const { startEmulator } = await import('robocoders-emulator');
    try {
      emulator = await startEmulator({
        host: '127.0.0.1',
        port: emulatorPort,
        paceMs,
        log: (line) => console.log(`[emulator] ${line}`),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(
        `Could not start the emulator on 127.0.0.1:${emulatorPort} (${reason}). Set EMULATOR_PORT to a free port.`,
      );
      process.exit(1);
    }
    env.ROBOCODERS_BASE_URL = emulator.url;
    console.log(`Robocoders emulator on ${emulator.url} (pace ${paceMs} ms)`);
  }

  const nextBin = createRequire(join(appDir, 'package.json')).resolve('next/dist/bin/next');
  const command = dev ? 'dev' : 'start';
  app = spawn(process.execPath, [nextBin, command, '-H', host, '-p', String(port)], {
    cwd: appDir,
    env,
    stdio: 'inherit',
  });
  app.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`next ${command} exited (${signal ?? code}); stopping.`);
    void stopAll(code ?? 1);
  });
  console.log(`${label}: http://${host}:${port}  (Ctrl+C stops the app and the emulator)`);
}
