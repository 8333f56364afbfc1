import * as fs from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The branch every workspace repository has, and `HEAD` points at. */
export const WORKSPACE_BRANCH = 'main';

/** Who the snapshot commits are by. */
export const WORKSPACE_AUTHOR = {
  name: 'Robocoders Emulator',
  email: 'emulator@robocoders.invalid',
} as const;

/** A file of git's "dumb" HTTP layout, as a client asks for it. */
export type DumbGitFile =
  | { kind: 'info-refs' }
  | { kind: 'head' }
  | { kind: 'object'; oid: string }
  | { kind: 'packs' };

// A file tree (path → text) as nested directories, which git stores as nested tree objects.
interface Directory {
  files: Map<string, string>;
  dirs: Map<string, Directory>;
}

type Git = typeof import('isomorphic-git');

/**
 * The sessions' workspaces as bare git repositories on disk, one snapshot commit per
 * `/get-session-code` call, served over git's "dumb" HTTP protocol (loose objects, `info/refs`,
 * `HEAD`): read-only static files, which the stock git CLI clones. isomorphic-git writes the
 * objects; it is loaded on the first snapshot so that emulators which never hand out code do not
 * pay for it, and the temporary directory is created then too.
 */
export class GitWorkspaces {
  private root: Promise<string> | undefined;
  private git: Promise<Git> | undefined;
  private readonly heads = new Map<string, string>();
  /** Per sid, the last queued snapshot: snapshots of one repository run one after another. */
  private readonly queues = new Map<string, Promise<unknown>>();

  /**
   * Commits `files` as the repository's new state on top of the previous snapshot, and returns
   * the commit id. Repositories of sessions `isLive` no longer knows are removed first.
   */
  snapshot(
    sid: string,
    files: ReadonlyMap<string, string>,
    message: string,
    isLive: (sid: string) => boolean,
  ): Promise<string> {
    const copy = new Map(files);
    const previous = this.queues.get(sid) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        await this.prune(isLive);
        return this.commit(sid, copy, message);
      });
    this.queues.set(sid, next);
    const settle = () => {
      if (this.queues.get(sid) === next) this.queues.delete(sid);
    };
    next.then(settle, settle);
    return next;
  }

  /** The bytes of one file of the dumb layout, or `undefined` when there is no such file. */
  async read(sid: string, file: DumbGitFile): Promise<Buffer | string | undefined> {
    const head = this.heads.get(sid);
    if (head === undefined || this.root === undefined) return undefined;
    switch (file.kind) {
      case 'info-refs':
        return `${head}\trefs/heads/${WORKSPACE_BRANCH}\n`;
      case 'head':
        return `ref: refs/heads/${WORKSPACE_BRANCH}\n`;
      case 'packs':
        // Every object is loose; an empty list tells a client there is no pack to look in.
        return '';
      case 'object': {
        const path = join(await this.root, repoName(sid), 'objects', file.oid.slice(0, 2));
        try {
          return await readFile(join(path, file.oid.slice(2)));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw error;
        }
      }
    }
  }

  /** Removes every repository (at shutdown). */
  async close(): Promise<void> {
    const root = this.root;
    this.root = undefined;
    this.heads.clear();
    if (root) await rm(await root, { recursive: true, force: true });
  }

  private async prune(isLive: (sid: string) => boolean): Promise<void> {
    const root = this.root;
    if (!root) return;
    for (const sid of [...this.heads.keys()]) {
      if (isLive(sid) || this.queues.has(sid)) continue;
      this.heads.delete(sid);
      await rm(join(await root, repoName(sid)), { recursive: true, force: true });
    }
  }

  private async commit(sid: string, files: Map<string, string>, message: string) {
    this.git ??= import('isomorphic-git');
    this.root ??= mkdtemp(join(tmpdir(), 'robocoders-emulator-git-'));
    const git = await this.git;
    const gitdir = join(await this.root, repoName(sid));
    const parent = this.heads.get(sid);
    if (parent === undefined) {
      await git.init({ fs, gitdir, bare: true, defaultBranch: WORKSPACE_BRANCH });
    }
    const tree = await writeDirectory(git, gitdir, directoryOf(files));
    const now = new Date();
    const oid = await git.commit({
      fs,
      gitdir,
      message,
      tree,
      parent: parent === undefined ? [] : [parent],
      ref: `refs/heads/${WORKSPACE_BRANCH}`,
      author: {
        ...WORKSPACE_AUTHOR,
        timestamp: Math.floor(now.getTime() / 1000),
        timezoneOffset: 0,
      },
    });
    this.heads.set(sid, oid);
    return oid;
  }
}

/** The workspace paths are relative and `/`-separated, as the scripted agents write them. */
function directoryOf(files: ReadonlyMap<string, string>): Directory {
  const top: Directory = { files: new Map(), dirs: new Map() };
  for (const [path, text] of files) {
    const parts = path.split('/').filter((part) => part !== '' && part !== '.');
    const name = parts.pop();
    if (name === undefined) continue;
    let dir = top;
    for (const part of parts) {
      let child = dir.dirs.get(part);
      if (!child) {
        child = { files: new Map(), dirs: new Map() };
        dir.dirs.set(part, child);
      }
      dir = child;
    }
    dir.files.set(name, text);
  }
  return top;
}

async function writeDirectory(git: Git, gitdir: string, dir: Directory): Promise<string> {
  const entries: Parameters<Git['writeTree']>[0]['tree'] = [];
  for (const [path, text] of dir.files) {
    const oid = await git.writeBlob({ fs, gitdir, blob: Buffer.from(text, 'utf8') });
    entries.push({ mode: '100644', path, oid, type: 'blob' });
  }
  for (const [path, child] of dir.dirs) {
    const oid = await writeDirectory(git, gitdir, child);
    entries.push({ mode: '040000', path, oid, type: 'tree' });
  }
  return git.writeTree({ fs, gitdir, tree: entries });
}

function repoName(sid: string): string {
  // Session ids are UUIDs; anything else never reaches the file system under its own name.
  return `${Buffer.from(sid, 'utf8').toString('hex')}.git`;
}
