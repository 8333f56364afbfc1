// End-to-end: "Get the code" in Debian's Chromium, against a real emulator started in this
// process; the repository it links to is cloned with the git CLI to prove it holds the code.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { startChatStack } from './chat-page.mjs';
import { screenshot, waitFor } from './harness.mjs';

const run = promisify(execFile);
const FACTORIAL = 'Write a factorial function in Python';

/** @type {import('robocoders-emulator').RunningEmulator} */
let emulator;
let stack;
/** @type {import('./chat-page.mjs').ChatPage} */
let chat;

const codeRequests = () => emulator.requests.filter((entry) => entry.path === '/get-session-code');

before(async () => {
  stack = await startChatStack({ paceMs: 10 });
  ({ emulator, chat } = stack);
  await stack.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
    origin: stack.app.url,
  });
});

after(async () => {
  await stack?.stop();
});

beforeEach(async () => {
  emulator.clearFaults();
  // No username remembered from an earlier test: each one starts as a first visit.
  await chat.page.evaluate(() => localStorage.clear());
});

/** A new conversation whose agent session has written factorial.py; returns the session id. */
async function conversationWithCode() {
  await chat.newChat();
  emulator.clearRequests();
  await chat.send(FACTORIAL);
  assert.equal(await chat.waitIdle(), 'ready');
  const sid = emulator.requests.find((entry) => entry.path === '/chat')?.body?.sid;
  assert.ok(sid, 'the chat went to the emulator');
  return sid;
}

describe('Get the code', () => {
  test('asks for a GitHub username once, links the repository, and git clone fetches it', async () => {
    const page = chat.page;
    const getCode = page.getByRole('button', { name: 'Get the code', exact: true });
    await chat.newChat();
    assert.equal(await getCode.count(), 0, 'no button before the conversation has a session');

    const sid = await conversationWithCode();
    await getCode.click();
    const username = page.getByLabel('GitHub username');
    await username.fill('octocat');
    await page.getByRole('button', { name: 'Continue' }).click();

    const link = page.getByRole('link', { name: `${emulator.url}/workspaces/${sid}` });
    await link.waitFor();
    const repoUrl = await link.getAttribute('href');
    assert.equal(repoUrl, `${emulator.url}/workspaces/${sid}`);
    const command = page.getByLabel('Clone it');
    assert.equal(await command.textContent(), `git clone ${repoUrl}`);
    assert.deepEqual(
      codeRequests().map((entry) => entry.body),
      [{ sid, github_username: 'octocat' }],
    );
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `git clone ${repoUrl}`);
    await screenshot(page, 'get-the-code');

    // The command the page shows, run as a person would.
    const directory = await mkdtemp(join(tmpdir(), 'next-chat-clone-'));
    try {
      const [git, ...args] = (await command.textContent()).split(' ');
      await run(git, [...args, join(directory, 'workspace')], {
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
        timeout: 60_000,
      });
      const code = await readFile(join(directory, 'workspace', 'factorial.py'), 'utf8');
      assert.match(code, /def factorial/);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }

    // Remembered in this browser: the second time goes straight to the repository.
    await page.getByRole('button', { name: 'Close' }).click();
    await getCode.click();
    await waitFor('a second request', () => codeRequests().length === 2);
    await link.waitFor();
    assert.equal(await username.count(), 0, 'the username is not asked for again');
    assert.equal(codeRequests()[1]?.body?.github_username, 'octocat');
  });

  test('a failure shows in an error banner, and Retry recovers', async () => {
    const page = chat.page;
    await conversationWithCode();
    emulator.fault({ endpoint: '/get-session-code', kind: 'status', status: 503 });
    await page.getByRole('button', { name: 'Get the code', exact: true }).click();
    await page.getByLabel('GitHub username').fill('octocat');
    await page.getByRole('button', { name: 'Continue' }).click();
    const banner = page.locator('.get-code-panel .error-banner[role="alert"]');
    await banner.waitFor();
    assert.match(await banner.textContent(), /unavailable right now \(503\)/);
    await banner.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('link', { name: /\/workspaces\// }).waitFor();
    assert.equal(await banner.count(), 0);
  });
});
