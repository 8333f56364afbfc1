#!/usr/bin/env node
// Packs the package in the current directory with `pnpm pack` (the same tarball `pnpm publish`
// would upload, with `workspace:` versions replaced) and checks that tarball, not the work tree:
// publint (strict), Are the Types Wrong? on every entry of `exports`, and the file list
// (LICENSE, README, CHANGELOG and every export target present; no sources or tests).
//
// Usage: node ../../scripts/check-package.mjs [--keep <dir>]   (run from a package directory)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const packageDir = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));

const keepIndex = process.argv.indexOf('--keep');
const outDir =
  keepIndex > 0 ? resolve(process.argv[keepIndex + 1]) : mkdtempSync(join(tmpdir(), 'pack-'));

function run(command, args, options = {}) {
  return execFileSync(command, args, { cwd: packageDir, encoding: 'utf8', ...options });
}

/** Every file an `exports` entry can resolve to (nested conditions included). */
function exportTargets(exportsField) {
  if (typeof exportsField === 'string') return [exportsField];
  if (exportsField === null || typeof exportsField !== 'object') return [];
  return Object.values(exportsField).flatMap(exportTargets);
}

const failures = [];
try {
  const packOutput = run('pnpm', ['pack', '--pack-destination', outDir]);
  const tarball = packOutput
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .findLast((line) => line.endsWith('.tgz'));
  if (tarball === undefined || !existsSync(tarball)) {
    throw new Error(`pnpm pack did not report a tarball:\n${packOutput}`);
  }
  console.log(`packed ${tarball}`);

  const files = run('tar', ['-tzf', tarball])
    .split('\n')
    .filter(Boolean)
    .map((file) => file.replace(/^package\//, ''));
  for (const required of ['package.json', 'LICENSE', 'README.md', 'CHANGELOG.md']) {
    if (!files.includes(required)) failures.push(`the tarball has no ${required}`);
  }
  const bins =
    typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  for (const target of [...exportTargets(manifest.exports), ...bins]) {
    const file = target.replace(/^\.\//, '');
    if (!files.includes(file)) failures.push(`${target} (exports or bin) is not in the tarball`);
  }
  const unwanted = files.filter((file) => /(^src\/|\.test\.|\.test-d\.|__snapshots__)/.test(file));
  if (unwanted.length > 0)
    failures.push(`the tarball ships sources or tests: ${unwanted.join(', ')}`);
  console.log(`${files.length} files in the tarball`);

  // The declarations as a consumer without skipLibCheck reads them (a bundled .d.ts can be
  // wrong where the sources were right, e.g. a parameter named like the import it is typed by).
  const declarations = exportTargets(manifest.exports).filter((target) =>
    /\.d\.(ts|cts|mts)$/.test(target),
  );
  if (declarations.length > 0) {
    try {
      run(bin('tsc'), [
        '--noEmit',
        '--skipLibCheck',
        'false',
        '--moduleResolution',
        'bundler',
        '--module',
        'esnext',
        '--target',
        'es2022',
        ...declarations,
      ]);
    } catch (error) {
      process.stdout.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
      failures.push(`the declarations of ${manifest.name} do not type-check`);
    }
  }

  for (const [name, args] of [
    ['publint', ['run', tarball, '--strict']],
    // Every entry of `exports` is discovered automatically, so new entry points are checked too.
    ['attw', [tarball, '--format', 'table-flipped', '--no-emoji', '--no-color']],
  ]) {
    try {
      process.stdout.write(run(bin(name), args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    } catch (error) {
      process.stdout.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
      failures.push(
        name === 'attw'
          ? `attw failed on ${manifest.name} (a new subpath export failing only under node10 needs a typesVersions entry)`
          : `${name} failed on ${manifest.name}`,
      );
    }
  }
} finally {
  if (keepIndex < 0) rmSync(outDir, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`\n${manifest.name}: package check failed\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`${manifest.name}: package check passed (declarations, publint, attw, file list)`);
