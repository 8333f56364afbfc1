// The example app's edge route: `next build` must have compiled it for the Edge Runtime, and,
// served by `next start`, it must stream an agent's answer from the emulator (no browser needed).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startEmulator } from 'robocoders-emulator';
import { waitFor } from 'robocoders-emulator/testing';
import { PACKAGES_DIR } from './scratch-project.mjs';

const APP_DIR = join(PACKAGES_DIR, '..', 'examples', 'next-chat');

/** @returns {Promise<number>} a port that was free a moment ago */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('examples/next-chat /api/chat-edge', () => {
  it('is built as an Edge Runtime function (and /api/chat is not)', async () => {
    const manifestPath = join(APP_DIR, '.next', 'server', 'middleware-manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    const edgeFunctions = Object.keys(manifest.functions ?? {});
    assert.ok(
      edgeFunctions.includes('/api/chat-edge/route'),
      `no edge function for /api/chat-edge in ${manifestPath}: ${edgeFunctions}`,
    );
    assert.ok(!edgeFunctions.includes('/api/chat/route'), '/api/chat should run on Node');
  });

  describe('served by next start', () => {
    /** @type {import('robocoders-emulator').RunningEmulator | undefined} */
    let emulator;
    /** @type {import('node:child_process').ChildProcess | undefined} */
    let app;
    let appUrl = '';
    let output = '';

    before(async () => {
      emulator = await startEmulator({ port: 0, paceMs: 0 });
      const port = await freePort();
      appUrl = `http://127.0.0.1:${port}`;
      const nextBin = createRequire(join(APP_DIR, 'package.json')).resolve('next/dist/bin/next');
      app = spawn(process.execPath, [nextBin, 'start', '-H', '127.0.0.1', '-p', String(port)], {
        cwd: APP_DIR,
        env: {
          ...process.env,
          ROBOCODERS_BASE_URL: emulator.url,
          ROBOCODERS_API_KEY: '',
          NEXT_TELEMETRY_DISABLED: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      app.stdout?.setEncoding('utf8').on('data', (chunk) => {
        output += chunk;
      });
      app.stderr?.setEncoding('utf8').on('data', (chunk) => {
        output += chunk;
      });
      await waitFor(`${appUrl} to answer`, async () => (await fetch(appUrl)).ok, {
        timeoutMs: 30_000,
        intervalMs: 200,
      }).catch((error) => {
        throw new Error(`${error.message}:\n${output}`);
      });
    });

    after(async () => {
      if (app && app.exitCode === null && app.signalCode === null) {
        const exited = new Promise((resolve) => app?.once('exit', resolve));
        app.kill('SIGTERM');
        await exited;
      }
      await emulator?.close();
    });

    it('streams an agent answer from the emulator', async () => {
      const response = await fetch(`${appUrl}/api/chat-edge`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          id: 'edge-smoke-1',
          messages: [{ role: 'user', content: 'Write a factorial function in Python' }],
          agent: 'GeneralCodingAgent',
          maxContinuations: 0,
        }),
      });
      assert.equal(response.status, 200, output);
      const body = await response.text();
      // Data stream protocol: `0:` text parts, `e:`/`d:` finish parts, `3:` an error.
      const lines = body.split('\n').filter(Boolean);
      const text = lines
        .filter((line) => line.startsWith('0:'))
        .map((line) => JSON.parse(line.slice(2)))
        .join('');
      assert.equal(
        lines.find((line) => line.startsWith('3:')),
        undefined,
        `error part in:\n${body}`,
      );
      assert.match(text, /factorial/);
      assert.ok(
        lines.some((line) => line.startsWith('d:')),
        `no finish part in:\n${body}`,
      );
      const chats = emulator?.requests.filter((request) => request.path === '/chat') ?? [];
      assert.equal(chats.length, 1);
      assert.equal(chats[0].status, 200);
    });
  });
});
