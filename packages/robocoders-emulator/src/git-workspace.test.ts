import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { GitWorkspaces } from './git-workspace.js';
import {
  bearer,
  chatEvents,
  fetchToken,
  openSession,
  postJson,
  useEmulator,
} from './test-support.js';

const run = promisify(execFile);
const emulator = await useEmulator();
const { url } = emulator;
const scratch = await mkdtemp(join(tmpdir(), 'emulator-clone-test-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

let clones = 0;

/** The stock git CLI, isolated from the machine's git configuration. */
function git(args: string[], cwd = scratch) {
  return run('git', args, {
    cwd,
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_TERMINAL_PROMPT: '0',
    },
  });
}

async function clone(repoUrl: string): Promise<string> {
  clones += 1;
  const dir = join(scratch, `clone-${clones}`);
  await git(['clone', '--quiet', repoUrl, dir]);
  return dir;
}

async function sessionCode(token: string, sid: string, githubUsername = 'octocat') {
  const response = await postJson(
    url,
    '/get-session-code',
    { sid, github_username: githubUsername },
    bearer(token),
  );
  expect(response.status).toBe(200);
  return ((await response.json()) as { repo_url: string }).repo_url;
}

describe('the workspace repository of /get-session-code', () => {
  it('clones with git and holds what the agent wrote (factorial.py)', async () => {
    const { token, sid } = await openSession(url);
    await chatEvents(url, token, { sid, prompt: 'write a factorial function' });
    const repoUrl = await sessionCode(token, sid);
    const dir = await clone(repoUrl);
    expect((await readdir(dir)).filter((name) => name !== '.git')).toEqual(['factorial.py']);
    expect(await readFile(join(dir, 'factorial.py'), 'utf8')).toBe(
      emulator.session(sid)?.files['factorial.py'],
    );
    const { stdout: log } = await git(['log', '--format=%an <%ae>|%s'], dir);
    expect(log.trim()).toMatch(
      new RegExp(
        `^Robocoders Emulator <emulator@robocoders\\.invalid>\\|Robocoders session ${sid}: workspace as of \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z$`,
      ),
    );
    const { stdout: branch } = await git(['rev-parse', '--abbrev-ref', 'HEAD'], dir);
    expect(branch.trim()).toBe('main');
    await git(['fsck', '--strict'], dir);
  });

  it('adds one commit per call on top of the previous one, with nested directories', async () => {
    const { token, sid } = await openSession(url);
    await chatEvents(url, token, { sid, prompt: 'a counter component', agent: 'FrontEndAgent' });
    const first = await clone(await sessionCode(token, sid));
    await chatEvents(url, token, { sid, prompt: 'a todo list component' });
    const repoUrl = await sessionCode(token, sid);
    await sessionCode(token, sid);
    const dir = await clone(repoUrl);

    const { stdout: count } = await git(['rev-list', '--count', 'HEAD'], dir);
    expect(count.trim()).toBe('3');
    const { stdout: firstHead } = await git(['rev-parse', 'HEAD'], first);
    await git(['merge-base', '--is-ancestor', firstHead.trim(), 'HEAD'], dir);
    const { stdout: tracked } = await git(['ls-files'], dir);
    expect(tracked.trim().split('\n').sort()).toEqual(
      Object.keys(emulator.session(sid)?.files ?? {}).sort(),
    );
    expect(tracked).toMatch(/^src\/components\/\w+\.tsx$/m);
    // The first clone still fetches the newer commits.
    await git(['pull', '--quiet', '--ff-only'], first);
    const { stdout: pulled } = await git(['rev-parse', 'HEAD'], first);
    const { stdout: head } = await git(['rev-parse', 'HEAD'], dir);
    expect(pulled).toBe(head);
  });

  it('clones an empty workspace as a repository without files', async () => {
    const { token, sid } = await openSession(url);
    const dir = await clone(await sessionCode(token, sid));
    expect(await readdir(dir)).toEqual(['.git']);
  });

  it('records github_username in the request log', async () => {
    const { token, sid } = await openSession(url);
    await sessionCode(token, sid, 'mona');
    const entry = emulator.requests.filter((r) => r.path === '/get-session-code').at(-1);
    expect(entry?.body).toEqual({ sid, github_username: 'mona' });
  });

  it('answers 404 like the API for an unknown or forgotten session', async () => {
    const token = await fetchToken(url);
    const unknown = await postJson(
      url,
      '/get-session-code',
      { sid: 'nope', github_username: 'octocat' },
      bearer(token),
    );
    expect([unknown.status, await unknown.json()]).toEqual([404, { detail: 'Session not found' }]);

    const { sid } = await openSession(url);
    const repoUrl = await sessionCode(token, sid);
    emulator.forgetSession(sid);
    const refs = await fetch(`${repoUrl}/info/refs?service=git-upload-pack`);
    expect([refs.status, await refs.json()]).toEqual([404, { detail: 'Session not found' }]);
    await expect(clone(repoUrl)).rejects.toThrow(/not found|404/i);
  });

  it('serves only the dumb layout: no other paths, nothing before the first call', async () => {
    const { token, sid } = await openSession(url);
    const base = `${url}/workspaces/${sid}`;
    expect((await fetch(`${base}/info/refs`)).status).toBe(404);
    await sessionCode(token, sid);
    const refs = await (await fetch(`${base}/info/refs`)).text();
    expect(refs).toMatch(/^[0-9a-f]{40}\trefs\/heads\/main\n$/);
    expect(await (await fetch(`${base}/HEAD`)).text()).toBe('ref: refs/heads/main\n');
    expect((await fetch(`${base}/objects/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${base}/objects/zz/${'0'.repeat(38)}`)).status).toBe(404);
    expect((await fetch(`${base}/objects/00/${'0'.repeat(38)}`)).status).toBe(404);
  });
});

describe('GitWorkspaces', () => {
  it('removes the repositories of dropped sessions, and every repository on close', async () => {
    const workspaces = new GitWorkspaces();
    const live = new Set(['a', 'b']);
    const isLive = (sid: string) => live.has(sid);
    await workspaces.snapshot('a', new Map([['x.txt', 'x']]), 'one', isLive);
    await workspaces.snapshot('b', new Map([['d/y.txt', 'y']]), 'two', isLive);
    expect(await workspaces.read('a', { kind: 'info-refs' })).toMatch(/refs\/heads\/main/);
    live.delete('a');
    await workspaces.snapshot('b', new Map(), 'three', isLive);
    expect(await workspaces.read('a', { kind: 'info-refs' })).toBeUndefined();
    const refs = String(await workspaces.read('b', { kind: 'info-refs' }));
    const oid = refs.slice(0, 40);
    expect(await workspaces.read('b', { kind: 'object', oid })).toBeInstanceOf(Buffer);
    await workspaces.close();
    expect(await workspaces.read('b', { kind: 'info-refs' })).toBeUndefined();
  });

  it('runs concurrent snapshots of one workspace one after another', async () => {
    const workspaces = new GitWorkspaces();
    try {
      const files = (n: number) => new Map([[`f${n}.txt`, String(n)]]);
      const oids = await Promise.all(
        [1, 2, 3, 4].map((n) => workspaces.snapshot('s', files(n), `c${n}`, () => true)),
      );
      expect(new Set(oids).size).toBe(4);
      const refs = String(await workspaces.read('s', { kind: 'info-refs' }));
      expect(refs.slice(0, 40)).toBe(oids[3]);
    } finally {
      await workspaces.close();
    }
  });
});
