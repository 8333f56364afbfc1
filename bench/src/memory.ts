import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemoryReport } from './memory-sampler.js';

export interface MemoryRow extends MemoryReport {
  path: string;
  count: number;
  chars: number;
}

const TARGET = fileURLToPath(new URL('./memory-target.js', import.meta.url));

/** Measures one path at one length in a fresh `node --expose-gc` process. */
export function measureMemory(
  emulatorUrl: string,
  path: string,
  count: number,
  bytes: number,
): Promise<MemoryRow> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--expose-gc', TARGET, emulatorUrl, path, String(count), String(bytes)],
      { timeout: 120_000, maxBuffer: 1 << 20 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(`memory run ${path} ${count} failed: ${stderr.trim() || error.message}`),
          );
          return;
        }
        const last = stdout.trim().split('\n').at(-1) ?? '';
        try {
          resolve(JSON.parse(last) as MemoryRow);
        } catch {
          reject(new Error(`memory run ${path} ${count} printed no result: ${last.slice(0, 200)}`));
        }
      },
    );
  });
}
