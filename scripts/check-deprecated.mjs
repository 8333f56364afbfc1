#!/usr/bin/env node
// Fails when a workspace's own code uses an API its dependencies' types mark `@deprecated`
// (TypeScript's suggestion diagnostics 6385 "'x' is deprecated" and 6387 "The signature … is
// deprecated", the strike-through an editor shows). `tsc` reports neither, so the ai 7
// workspaces run this after `tsc` in their `typecheck`; `pnpm check:deprecated` runs it over
// all of them.
//
//   node scripts/check-deprecated.mjs [workspace dir…]   (default: the current directory)
//   node scripts/check-deprecated.mjs --ai7              (every ai 7 workspace below)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The workspaces on ai 7, whose code must not use what ai 7 deprecates. */
const AI7_WORKSPACES = [
  'examples/next-agent',
  'examples/node-stream-ai7',
  'packages/ai-majors-tests',
  'packages/smoke-tests',
];

const DEPRECATED_CODES = new Set([6385, 6387]);

/** The deprecated uses in the workspace at `dir`, as `file:line:col message` lines. */
export function deprecatedUses(dir) {
  const configPath = path.join(dir, 'tsconfig.json');
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dir);
  const versions = new Map(parsed.fileNames.map((file) => [file, '1']));
  const host = {
    getScriptFileNames: () => parsed.fileNames,
    getScriptVersion: (file) => versions.get(file) ?? '1',
    getScriptSnapshot: (file) =>
      existsSync(file) ? ts.ScriptSnapshot.fromString(readFileSync(file, 'utf8')) : undefined,
    getCurrentDirectory: () => dir,
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  const uses = [];
  for (const file of parsed.fileNames) {
    if (file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    for (const diagnostic of service.getSuggestionDiagnostics(file)) {
      if (!DEPRECATED_CODES.has(diagnostic.code) || diagnostic.file === undefined) continue;
      const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(
        diagnostic.start ?? 0,
      );
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      uses.push(`${path.relative(ROOT, file)}:${line + 1}:${character + 1} ${message}`);
    }
  }
  service.dispose();
  return uses;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const dirs =
    args[0] === '--ai7'
      ? AI7_WORKSPACES.map((workspace) => path.join(ROOT, workspace))
      : args.length > 0
        ? args.map((arg) => path.resolve(arg))
        : [process.cwd()];
  let failed = false;
  for (const dir of dirs) {
    const uses = deprecatedUses(dir);
    const name = path.relative(ROOT, dir) || '.';
    if (uses.length === 0) {
      console.log(`${name}: no deprecated API used`);
      continue;
    }
    failed = true;
    console.error(`${name}: ${uses.length} use${uses.length === 1 ? '' : 's'} of deprecated API:`);
    for (const use of uses) console.error(`  ${use}`);
  }
  process.exitCode = failed ? 1 : 0;
}
