import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createStorage, type Driver, type Storage } from 'unstorage';
import fsDriver from 'unstorage/drivers/fs';

let storage: Storage | undefined;

/** Where a value is written before it takes its key's place (never listed as a key). */
const WRITING = '.writing';

/**
 * Where the app keeps its chats and the provider's store: `AGENT_DATA_DIR`, else `.data` in the
 * app's folder (`next start` runs there). Relative paths are taken from that folder too.
 */
export function dataDir(): string {
  // Chosen at run time, so the build must not trace the folder into its output.
  return resolve(/* turbopackIgnore: true */ process.cwd(), process.env.AGENT_DATA_DIR || '.data');
}

/**
 * unstorage's fs driver, writing each value to a file of its own and renaming it into place: a
 * running turn saves its chat every second while pages (of this instance or another) read it,
 * and the fs driver's in-place write lets a reader see a half-written file.
 */
export function atomicFsDriver(base: string): Driver {
  const fs = fsDriver({ base, ignore: ['**/node_modules/**', '**/.git/**', `**/${WRITING}/**`] });
  const write = async (key: string, value: string | Uint8Array) => {
    // The fs driver's own key check (it refuses `..` segments) before its key -> path rule.
    await fs.hasItem(key, {});
    const path = join(base, key.replace(/:/g, '/'));
    const scratch = join(base, WRITING, randomUUID());
    await mkdir(dirname(scratch), { recursive: true });
    await writeFile(scratch, value);
    await mkdir(dirname(path), { recursive: true });
    await rename(scratch, path);
  };
  return { ...fs, name: 'fs-atomic', setItem: write, setItemRaw: write };
}

/**
 * The app's one unstorage store (on disk, see {@link atomicFsDriver}), shared by the chat
 * history and the provider (its token and conversation -> session map), so a restart of the app
 * keeps both.
 */
export function getStorage(): Storage {
  storage ??= createStorage({ driver: atomicFsDriver(dataDir()) });
  return storage;
}
