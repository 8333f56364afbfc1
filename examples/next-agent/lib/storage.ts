import { resolve } from 'node:path';
import { createStorage, type Storage } from 'unstorage';
import fsDriver from 'unstorage/drivers/fs';

let storage: Storage | undefined;

/**
 * Where the app keeps its chats and the provider's store: `AGENT_DATA_DIR`, else `.data` in the
 * app's folder (`next start` runs there). Relative paths are taken from that folder too.
 */
export function dataDir(): string {
  // Chosen at run time, so the build must not trace the folder into its output.
  return resolve(/* turbopackIgnore: true */ process.cwd(), process.env.AGENT_DATA_DIR || '.data');
}

/**
 * The app's one unstorage store (fs driver), shared by the chat history and the provider (its
 * token and conversation -> session map), so a restart of the app keeps both.
 */
export function getStorage(): Storage {
  storage ??= createStorage({ driver: fsDriver({ base: dataDir() }) });
  return storage;
}
