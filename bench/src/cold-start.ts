import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import type { TargetVerdict } from './results.js';
import { median } from './statistics.js';

/** One entry point measured for cold start. */
export interface ColdStartRow {
  /** The import specifier, e.g. `robocoders-ai-provider/v3`. */
  entry: string;
  /** Minified bytes of what loads at start (dynamic-import chunks excluded). */
  minifiedBytes: number;
  /** The same, gzipped file by file. */
  gzipBytes: number;
  /** Median time of `await import(entry)` in a fresh Node process, in ms. */
  importMs: number;
  /** Every cold-import time measured, in ms. */
  importSamples: number[];
}

/** The package an entry's cold start is compared with. */
export interface ColdStartPeer {
  /** The import specifier measured (an alias such as `openai-compatible-3` for a second major). */
  entry: string;
  /** How tables and targets name it, e.g. `@ai-sdk/openai-compatible 3.0.92`. */
  label: string;
}

/** The peer of the ai 4 entry (and of results written before entries had peers of their own). */
export const COLD_START_PEER: ColdStartPeer = {
  entry: '@ai-sdk/openai-compatible',
  label: '@ai-sdk/openai-compatible',
};

/**
 * Each entry's peer: the official OpenAI-compatible provider of the same ai major, which loads
 * what that major's apps load anyway (ai 5 and 6 load `zod/v4`, ai 4 `zod` 3).
 */
export const AI4_TO_6_PEERS: Readonly<Record<string, ColdStartPeer>> = {
  'robocoders-ai-provider': COLD_START_PEER,
  'robocoders-ai-provider/v2': {
    entry: 'openai-compatible-1',
    label: '@ai-sdk/openai-compatible 1.0.61',
  },
  'robocoders-ai-provider/v3': {
    entry: 'openai-compatible-2',
    label: '@ai-sdk/openai-compatible 2.0.92',
  },
};

/** An entry's peer: its own in `peers`, else the one peer of the comparison. */
export function peerOfEntry(
  entry: string,
  peers: Readonly<Record<string, ColdStartPeer>> | undefined,
  peer: ColdStartPeer,
): ColdStartPeer {
  return peers?.[entry] ?? peer;
}

/**
 * The files a bundle loads at start: the entry's output and every chunk it reaches through
 * static imports. Chunks reached only through `import()` load when first needed.
 */
function startupFiles(metafile: Metafile, entryOutput: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
    }
  };
  visit(entryOutput);
  return [...seen];
}

/**
 * Bundles `entry` the way an edge or serverless function is bundled: esbuild, minified, ESM,
 * for a platform without Node (edge conditions), `zod` left to the app, code split so that
 * what is only `import()`ed stays out of the start.
 */
export async function measureBundle(
  entry: string,
  resolveDir: string,
): Promise<{ minifiedBytes: number; gzipBytes: number }> {
  const result = await build({
    stdin: { contents: `export * from '${entry}';`, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['edge-light', 'worker', 'browser', 'import', 'default'],
    mainFields: ['module', 'main'],
    external: ['zod'],
    splitting: true,
    outdir: 'cold-start-bundle',
    entryNames: 'entry',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const byPath = new Map(
    result.outputFiles.map((file) => [
      file.path.slice(file.path.indexOf('cold-start-bundle')),
      file,
    ]),
  );
  let minifiedBytes = 0;
  let gzipBytes = 0;
  for (const file of startupFiles(result.metafile, 'cold-start-bundle/entry.js')) {
    const output = byPath.get(file);
    if (output === undefined) continue;
    minifiedBytes += output.contents.byteLength;
    gzipBytes += gzipSync(output.contents, { level: 9 }).byteLength;
  }
  return { minifiedBytes, gzipBytes };
}

/** Time of `await import(entry)` in a fresh Node process started in `cwd`, in ms. */
function coldImportOnce(entry: string, cwd: string): Promise<number> {
  const script =
    'const start = performance.now();' +
    `await import(${JSON.stringify(entry)});` +
    'process.stdout.write(String(performance.now() - start));';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '--eval', script], { cwd });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(out);
      if (code !== 0 || !Number.isFinite(ms)) {
        reject(new Error(`cold import of ${entry} failed (exit ${code}): ${err.trim()}`));
      } else resolve(ms);
    });
  });
}

/**
 * Measures each entry and the peer side by side: bundle weight once each, then `rounds` cold
 * imports of every entry in an order rotated each round, so a busy moment of the machine does
 * not fall on one entry only.
 */
export async function measureColdStart(
  entries: string[],
  cwd: string,
  rounds: number,
  peer: ColdStartPeer = COLD_START_PEER,
  peers?: Readonly<Record<string, ColdStartPeer>>,
): Promise<ColdStartRow[]> {
  const peerEntries = entries.map((entry) => peerOfEntry(entry, peers, peer).entry);
  const all = [...new Set([...entries, ...peerEntries])];
  const samples = new Map(all.map((entry) => [entry, [] as number[]]));
  // One import each first: the files reach the OS cache before anything is timed.
  for (const entry of all) await coldImportOnce(entry, cwd);
  for (let round = 0; round < rounds; round++) {
    for (let index = 0; index < all.length; index++) {
      const entry = all[(index + round) % all.length] as string;
      samples.get(entry)?.push(await coldImportOnce(entry, cwd));
    }
  }
  const rows: ColdStartRow[] = [];
  for (const entry of all) {
    const importSamples = samples.get(entry) ?? [];
    rows.push({
      entry,
      ...(await measureBundle(entry, cwd)),
      importMs: median(importSamples),
      importSamples,
    });
  }
  return rows;
}

/** What `measureColdStart` produced, with when and how (also kept in `results.json`). */
export interface ColdStartResult {
  rows: ColdStartRow[];
  rounds: number;
  date: string;
  node: string;
  /** Absent in results written before the peer was a parameter: then {@link COLD_START_PEER}. */
  peer?: ColdStartPeer;
  /** Entries judged against a peer of their own (see {@link AI4_TO_6_PEERS}). */
  peers?: Record<string, ColdStartPeer>;
}

/** The thresholds: each entry against the peer. */
export const COLD_START_THRESHOLDS = { gzip: 1.5, importTime: 1.1 } as const;

/** The target ids of one cold-start comparison (the ai 4 entries' or the ai 7 entry's). */
export interface ColdStartTargetIds {
  weight: TargetVerdict['id'];
  importTime: TargetVerdict['id'];
}

const AI4_TARGET_IDS: ColdStartTargetIds = {
  weight: 'cold-start-weight',
  importTime: 'cold-start-import',
};

/** The two cold-start targets, judged on the worst entry against `result.peer`. */
export function judgeColdStart(
  result: ColdStartResult | undefined,
  ids: ColdStartTargetIds = AI4_TARGET_IDS,
  expectedPeer: ColdStartPeer = result?.peer ?? COLD_START_PEER,
): TargetVerdict[] {
  const against = result?.peers
    ? 'the @ai-sdk/openai-compatible of its ai major'
    : expectedPeer.label;
  const gzipTarget = `every entry's start bundle ≤ ${COLD_START_THRESHOLDS.gzip}× ${against} (gzip)`;
  const importTarget = `every entry's cold import() ≤ ${COLD_START_THRESHOLDS.importTime}× ${against} (median)`;
  const rowOf = (entry: string) => result?.rows.find((row) => row.entry === entry);
  const peerEntries = new Set(
    result?.rows.map((row) => peerOfEntry(row.entry, result.peers, expectedPeer).entry),
  );
  const pairs = (result?.rows ?? [])
    .filter((row) => !peerEntries.has(row.entry))
    .map((row) => {
      const peer = peerOfEntry(row.entry, result?.peers, expectedPeer);
      return { row, peer, peerRow: rowOf(peer.entry) };
    });
  if (pairs.length === 0 || pairs.some((pair) => pair.peerRow === undefined)) {
    return [
      { id: ids.weight, target: gzipTarget, measured: '—', status: 'not measured' },
      { id: ids.importTime, target: importTarget, measured: '—', status: 'not measured' },
    ];
  }
  const verdict = (
    id: TargetVerdict['id'],
    target: string,
    ratioOf: (row: ColdStartRow, peer: ColdStartRow) => number,
    limit: number,
  ): TargetVerdict => ({
    id,
    target,
    measured: pairs
      .map(({ row, peer, peerRow }) => {
        const against = result?.peers ? ` (vs ${peer.label})` : '';
        return `${row.entry} ${ratioOf(row, peerRow as ColdStartRow).toFixed(2)}×${against}`;
      })
      .join(', '),
    status: pairs.every(({ row, peerRow }) => ratioOf(row, peerRow as ColdStartRow) <= limit)
      ? 'met'
      : 'missed',
  });
  return [
    verdict(
      ids.weight,
      gzipTarget,
      (row, peer) => row.gzipBytes / peer.gzipBytes,
      COLD_START_THRESHOLDS.gzip,
    ),
    verdict(
      ids.importTime,
      importTarget,
      (row, peer) => row.importMs / peer.importMs,
      COLD_START_THRESHOLDS.importTime,
    ),
  ];
}
