import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStorage } from 'unstorage';
import { afterEach, describe, expect, it } from 'vitest';
import { atomicFsDriver } from './storage';

describe('atomicFsDriver', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('never lets a reader see a half-written value while it is rewritten', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'next-agent-storage-'));
    dirs.push(dir);
    const storage = createStorage({ driver: atomicFsDriver(dir) });
    const big = (n: number) => ({ n, messages: 'x'.repeat(200_000) });
    await storage.setItem('chats:a', big(0));
    const reads: unknown[] = [];
    const writes = (async () => {
      for (let n = 1; n <= 30; n += 1) await storage.setItem('chats:a', big(n));
    })();
    let done = false;
    void writes.then(() => {
      done = true;
    });
    while (!done) reads.push(await storage.getItem('chats:a'));
    await writes;
    expect(reads.length).toBeGreaterThan(0);
    for (const value of reads) expect(value).toMatchObject({ messages: expect.any(String) });
    expect(await storage.getKeys('chats')).toEqual(['chats:a']);
    expect(readdirSync(join(dir, '.writing'))).toEqual([]);
  });

  it('refuses keys that would leave its folder, as the fs driver does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'next-agent-storage-'));
    dirs.push(dir);
    const storage = createStorage({ driver: atomicFsDriver(dir) });
    await expect(storage.setItem('a:..:..:escape', 1)).rejects.toThrow(/Invalid key/);
  });
});
