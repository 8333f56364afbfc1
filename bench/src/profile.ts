import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rawPath } from './paths.js';
import {
  type CpuProfile,
  type PositionResolver,
  type ProfileSummary,
  type ProfileWindow,
  summarizeProfile,
} from './profile-summary.js';
import { startServerProcess } from './server-process.js';

const TARGET = fileURLToPath(new URL('./profile-target.js', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Resolves positions in built files through their `.map` files (provider and bench builds). */
function sourceMapResolver(): PositionResolver {
  const maps = new Map<string, SourceMap | undefined>();
  return (url, line, column) => {
    if (!url.startsWith('file://') || url.includes('/node_modules/')) return undefined;
    let map = maps.get(url);
    if (!maps.has(url)) {
      const file = fileURLToPath(url);
      map = existsSync(`${file}.map`)
        ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')))
        : undefined;
      maps.set(url, map);
    }
    const entry = map?.findEntry(line, column) as
      | { originalSource?: string; originalLine?: number }
      | undefined;
    if (!entry?.originalSource || entry.originalLine === undefined) return undefined;
    const source = entry.originalSource.startsWith('file://')
      ? fileURLToPath(entry.originalSource)
      : join(fileURLToPath(new URL('.', url)), entry.originalSource);
    return { source: relative(REPO_ROOT, source), line: entry.originalLine };
  };
}

/** Reads a `.cpuprofile` written by `node --cpu-prof` and summarizes it within `window`. */
function summarizeFile(file: string, window: ProfileWindow | undefined): ProfileSummary {
  if (!existsSync(file)) throw new Error(`node --cpu-prof wrote no ${file}`);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return summarizeProfile(profile, sourceMapResolver(), 14, window);
}

export interface ProfileRun {
  path: string;
  events: number;
  file: string;
  summary: ProfileSummary;
}

/**
 * Runs one path under `node --cpu-prof` in a child process (a warm-up stream, then `count`
 * events) and summarizes where its CPU time went.
 */
export async function profilePath(
  emulatorUrl: string,
  openAiUrl: string,
  pathId: string,
  count: number,
  bytes: number,
  directory: string,
): Promise<ProfileRun> {
  mkdirSync(directory, { recursive: true });
  const name = `${pathId}-${count}.cpuprofile`;
  rmSync(join(directory, name), { force: true });
  const stdout = await new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '--cpu-prof',
        '--cpu-prof-dir',
        directory,
        '--cpu-prof-name',
        name,
        '--cpu-prof-interval',
        '250',
        TARGET,
        emulatorUrl,
        openAiUrl,
        pathId,
        String(count),
        String(bytes),
      ],
      { timeout: 180_000 },
      (error, out, stderr) =>
        error
          ? reject(new Error(`profiling ${pathId} failed: ${stderr.trim() || error.message}`))
          : resolve(out),
    );
  });
  const file = join(directory, name);
  const window = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ProfileWindow;
  return {
    path: pathId,
    events: count,
    file: relative(REPO_ROOT, file),
    summary: summarizeFile(file, window),
  };
}

/**
 * Profiles the emulator's process (a second one, started under `node --cpu-prof`) while the raw
 * reader consumes `count` events from it: where the server's time goes when it sets the pace.
 */
export async function profileEmulator(
  count: number,
  bytes: number,
  directory: string,
): Promise<ProfileRun> {
  mkdirSync(directory, { recursive: true });
  const name = `emulator-${count}.cpuprofile`;
  const file = join(directory, name);
  rmSync(file, { force: true });
  const emulator = await startServerProcess(
    'emulator-server',
    [],
    [
      '--cpu-prof',
      '--cpu-prof-dir',
      directory,
      '--cpu-prof-name',
      name,
      '--cpu-prof-interval',
      '250',
    ],
  );
  let window: ProfileWindow;
  try {
    const raw = await rawPath(emulator.url);
    await raw.run(Math.ceil(count / 10), bytes);
    // Both processes read the same monotonic clock, so the window applies to the child's profile.
    const startUs = Number(process.hrtime.bigint() / 1000n);
    await raw.run(count, bytes);
    window = { startUs, endUs: Number(process.hrtime.bigint() / 1000n) };
  } finally {
    await emulator.close();
  }
  return {
    path: 'emulator',
    events: count,
    file: relative(REPO_ROOT, file),
    summary: summarizeFile(file, window),
  };
}
