// End-to-end: the production build in Debian's Chromium against a real emulator started in this
// process (its request log and fault queue are the test's view of the upstream service).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { screenshot as saveScreenshot, startE2eStack, waitFor } from 'example-support/e2e';
import { AgentPage } from './agent-page.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);
const FACTORIAL = 'Write a Python function that computes a factorial.';
const FOLLOW_UP = 'Now add tests for it.';
const FIBONACCI = 'Write a Python function that computes a fibonacci number.';

/** @type {Awaited<ReturnType<typeof startE2eStack>>} */
let stack;
/** @type {AgentPage} */
let agent;
let dataDir;

const emulator = () => stack.emulator;
const chatRequests = () => emulator().requests.filter((entry) => entry.path === '/chat');
const prompts = () => chatRequests().map((entry) => entry.body?.prompt);
const screenshot = (name, options) => saveScreenshot(appDir, agent.page, name, options);

before(async () => {
  // A data folder of its own: the chats of this run only, removed afterwards.
  dataDir = mkdtempSync(join(tmpdir(), 'next-agent-e2e-'));
  // Paced so an agent's action and its observation arrive well apart: the row is seen running.
  stack = await startE2eStack(appDir, { paceMs: 150, env: { AGENT_DATA_DIR: dataDir } });
  agent = new AgentPage(stack.browser.page, stack.app.url);
});

after(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  emulator().clearFaults();
  emulator().clearRequests();
});

/** Each test starts from its own state: a new chat, asked `prompt` and answered. */
async function answeredChat(prompt = FACTORIAL) {
  await agent.openNewChat();
  emulator().clearRequests();
  await agent.send(prompt);
  assert.equal(await agent.waitIdle(), 'ready');
  await agent.waiting.waitFor();
}

describe('next-agent in Chromium', () => {
  test('the answer streams in with each agent step as a row', async () => {
    await agent.openNewChat();
    assert.match(agent.chatId(), /^[0-9a-f-]{36}$/, 'the chat id is in the URL');
    emulator().clearRequests();
    await agent.recordStreaming();
    await agent.send(FACTORIAL);
    await agent.page.locator('li.step').first().waitFor();
    await screenshot('01-streaming');
    assert.equal(await agent.waitIdle(), 'ready');

    const { texts: states, steps: stepStates } = await agent.streamed();
    assert.ok(states.length >= 4, `the answer was painted as it arrived (${states.length} states)`);
    const grew = states.filter(
      (text, index) => index > 0 && text.length > states[index - 1].length,
    );
    assert.ok(grew.length >= 3, 'the message grew change after change');

    // Each row showed "running" between the agent's action and its observation.
    assert.ok(
      stepStates.some((state) => state.endsWith(':running')),
      `a step was seen running: ${stepStates.join(', ')}`,
    );

    // GeneralCodingAgent plans (delegate), writes the file (run_ipython) and runs it (run).
    const steps = agent.lastSteps();
    assert.deepEqual(await steps.evaluateAll((rows) => rows.map((row) => row.dataset.tool)), [
      'delegate',
      'run_ipython',
      'run',
    ]);
    assert.deepEqual(await steps.evaluateAll((rows) => rows.map((row) => row.dataset.state)), [
      'done',
      'done',
      'done',
    ]);
    const run = agent.assistant.last().locator('li.step[data-tool="run"]');
    assert.match(await run.locator('.step-input').textContent(), /python3 factorial\.py/);
    assert.match(await run.locator('.step-output-text').textContent(), /5! = 120/);
    assert.match(await run.locator('.step-state').textContent(), /done/);

    const python = agent.assistant.last().locator('li.step[data-tool="run_ipython"]');
    assert.match(await python.locator('.step-name').textContent(), /Python/);
    const code = python.locator(
      '.step-input [data-streamdown="code-block"][data-language="python"] pre code',
    );
    assert.match(await code.textContent(), /def factorial/);
    // Highlighted (Shiki colours tokens with inline styles, once its grammar has loaded).
    await code.locator('span[style*="--shiki-dark"]').first().waitFor();
    // The file listing the IPython cell printed is long: it starts collapsed.
    const output = python.locator('details.step-output');
    assert.equal(await output.count(), 1, 'a long observation is collapsed');
    assert.equal(await output.evaluate((element) => element.open), false);
    await output.locator('summary').click();
    assert.equal(await output.evaluate((element) => element.open), true, 'and opens on demand');

    const answer = (await agent.lastAnswerText()).join('\n');
    assert.match(answer, /factorial\.py/, 'the answer names the file it wrote');
    assert.ok(!answer.includes('Running command'), 'no step summary in the answer text');
    await agent.waiting.waitFor();
    assert.equal(await agent.input.getAttribute('placeholder'), 'Answer the agent…');
    assert.deepEqual(prompts(), [FACTORIAL]);
    const sid = chatRequests()[0]?.body?.sid;
    assert.equal(await agent.main.getAttribute('data-session-id'), sid, 'the session is known');
    await agent.page.getByRole('link', { name: FACTORIAL }).waitFor();
    await screenshot('02-answer');
    if (process.env.E2E_UPDATE_DOCS_SCREENSHOT === '1') await updateDocsScreenshot(output);
  });

  test('a reload keeps the chat, and a follow-up continues the same agent session', async () => {
    await answeredChat();
    const chatUrl = agent.page.url();
    const before = {
      steps: await agent.steps.count(),
      answer: await agent.lastAnswerText(),
    };
    await agent.page.reload();
    await agent.waitLive();
    assert.equal(agent.page.url(), chatUrl);
    assert.equal(await agent.user.count(), 1);
    assert.equal(await agent.steps.count(), before.steps, 'the step rows are back');
    assert.deepEqual(await agent.lastAnswerText(), before.answer, 'the answer is back');
    await agent.waiting.waitFor();

    await agent.send(FOLLOW_UP);
    assert.equal(await agent.waitIdle(), 'ready');
    assert.equal(await agent.assistant.count(), 2);
    // "it" only means something to an agent that still has the file from the first turn.
    assert.match((await agent.lastAnswerText()).join('\n'), /factorial\.py/);

    const creates = emulator().requests.filter((entry) => entry.path === '/create-session');
    assert.equal(creates.length, 1, 'one agent session for the whole chat');
    const sids = new Set(chatRequests().map((entry) => entry.body?.sid));
    assert.equal(sids.size, 1, 'every turn went to the same session');
    assert.deepEqual(prompts(), [FACTORIAL, FOLLOW_UP], 'the follow-up alone was sent');
    await screenshot('03-follow-up');
  });

  test('"Get the code" links a repository that git clone fetches, the username asked once', async () => {
    await answeredChat();
    const page = agent.page;
    const codeRequests = () =>
      emulator().requests.filter((entry) => entry.path === '/get-session-code');
    const sid = chatRequests()[0]?.body?.sid;
    assert.ok(sid, 'the chat has an agent session');
    await page.evaluate(() => localStorage.clear());
    const getCode = page.getByRole('button', { name: 'Get the code', exact: true });
    await getCode.click();
    await page.getByLabel('GitHub username').fill('octocat');
    await page.getByRole('button', { name: 'Continue' }).click();

    const repoUrl = `${emulator().url}/workspaces/${sid}`;
    await page.getByRole('link', { name: repoUrl }).waitFor();
    const command = page.getByLabel('Clone command');
    assert.equal(await command.textContent(), `git clone ${repoUrl}`);
    assert.deepEqual(
      codeRequests().map((entry) => entry.body),
      [{ sid, github_username: 'octocat' }],
    );
    await screenshot('06-get-the-code');

    // The command the page shows, run as a person would.
    const directory = mkdtempSync(join(tmpdir(), 'next-agent-clone-'));
    try {
      const [git, ...args] = (await command.textContent()).split(' ');
      await run(git, [...args, join(directory, 'workspace')], {
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
        timeout: 60_000,
      });
      assert.match(readFileSync(join(directory, 'workspace', 'factorial.py'), 'utf8'), /factorial/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }

    // Remembered in this browser: a reload and a second click go straight to the repository.
    await page.reload();
    await agent.waitLive();
    await getCode.click();
    await waitFor('a second request', () => codeRequests().length === 2);
    await page.getByRole('link', { name: repoUrl }).waitFor();
    assert.equal(await page.getByLabel('GitHub username').count(), 0, 'not asked again');
  });

  test('the recent chats switch between conversations', async () => {
    // A title of its own, so its link is the only one of that name in the list.
    await answeredChat(FIBONACCI);
    const firstUrl = agent.page.url();
    await agent.openNewChat();
    assert.notEqual(agent.page.url(), firstUrl, 'a new chat has a new id');
    assert.equal(await agent.assistant.count(), 0);
    await agent.send('help');
    assert.equal(await agent.waitIdle(), 'ready');
    await agent.waiting.waitFor();

    await agent.page.getByRole('link', { name: FIBONACCI }).click();
    await agent.page.waitForURL(firstUrl);
    await agent.waitLive();
    assert.equal(await agent.assistant.count(), 1, 'the first chat with its answer');
    assert.match((await agent.lastAnswerText()).join('\n'), /fibonacci/i);
    const current = agent.page.locator('nav[aria-label="Recent chats"] [aria-current="page"]');
    assert.equal(await current.textContent(), FIBONACCI);

    await agent.page.getByRole('button', { name: 'New chat' }).click();
    await agent.page.waitForURL((url) => url.href !== firstUrl);
    await agent.waitLive();
    assert.equal(await agent.assistant.count(), 0, 'New chat starts empty');
  });

  test('Stop closes the upstream request', async () => {
    await agent.openNewChat();
    emulator().clearRequests();
    // 200 paced steps: far longer than the moment it takes to press Stop.
    await agent.send('Please do a long task 200');
    await agent.page.locator('li.step').nth(1).waitFor();
    await agent.page.getByRole('button', { name: 'Stop' }).click();
    await agent.page.waitForSelector('main.chat[data-status="ready"]');
    await agent.page.getByText('Stopped.').waitFor();
    const aborted = await waitFor('the emulator to see the client go away', () =>
      chatRequests().find((entry) => entry.clientAborted),
    );
    assert.equal(aborted.status, 200);
    assert.equal(await agent.page.locator('li.step[data-state="running"]').count(), 0);
    await screenshot('04-stopped');
  });

  test('a 503 shows the alert and Retry answers', async () => {
    await agent.openNewChat();
    emulator().clearRequests();
    // streamText retries a 503 twice on its own; the third failure reaches the person.
    emulator().fault({ endpoint: '/chat', kind: 'status', status: 503, times: 3 });
    await agent.send(FACTORIAL);
    assert.equal(await agent.waitIdle(), 'error');
    const text = await agent.alert.textContent();
    assert.match(text, /unavailable/);
    assert.match(text, /503/);
    assert.doesNotMatch(text, /eyJ|Bearer|at .*\.js/, 'no token or stack trace');
    assert.equal(chatRequests().filter((entry) => entry.status === 503).length, 3);
    await screenshot('05-error-503');

    await agent.alert.getByRole('button', { name: 'Retry' }).click();
    assert.equal(await agent.waitIdle(), 'ready');
    assert.equal(await agent.alert.count(), 0, 'the alert is gone');
    assert.equal(await agent.assistant.count(), 1);
    assert.equal(await agent.lastSteps().count(), 3, 'the answer arrived with its steps');
  });

  test('a revoked token is renewed unseen; a 401 that persists shows the alert', async () => {
    await agent.openNewChat();
    emulator().clearRequests();
    emulator().fault({ endpoint: '/chat', kind: 'revoke-tokens' });
    await agent.send(FACTORIAL);
    assert.equal(await agent.waitIdle(), 'ready', 'the person sees a normal answer');
    assert.equal(await agent.alert.count(), 0);
    const statuses = emulator().requests.map((entry) => `${entry.path} ${entry.status}`);
    const refused = statuses.indexOf('/chat 401');
    assert.ok(refused >= 0, `a chat request was refused: ${statuses.join(', ')}`);
    assert.ok(statuses.slice(refused).includes('/auth 200'), 'a new token was fetched');

    await agent.openNewChat();
    emulator().clearRequests();
    emulator().fault({ endpoint: '/chat', kind: 'status', status: 401, times: 2 });
    await agent.send(FACTORIAL);
    assert.equal(await agent.waitIdle(), 'error');
    assert.match(await agent.alert.textContent(), /rejected the credentials \(401\)/);
    await screenshot('06-error-401');
    await agent.alert.getByRole('button', { name: 'Retry' }).click();
    assert.equal(await agent.waitIdle(), 'ready');
    assert.equal(await agent.alert.count(), 0);
  });

  test('works at phone width and by keyboard, with named controls', async () => {
    // A chat with an answer and its steps (a wide code block among them).
    await answeredChat();
    await agent.page.setViewportSize({ width: 390, height: 844 });
    try {
      const overflow = await agent.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `no sideways scrolling of the page (${overflow}px)`);
      const conversation = await agent.page
        .locator('section.conversation')
        .evaluate((element) => element.scrollWidth - element.clientWidth);
      assert.ok(conversation <= 0, `nor of the conversation (${conversation}px)`);
      // Long code lines scroll inside their own block instead.
      const wide = await agent.page
        .locator('li.step[data-tool="run_ipython"] .step-input pre')
        .first()
        .evaluate((pre) => pre.scrollWidth > pre.clientWidth);
      assert.ok(wide, 'the code block scrolls sideways on its own');
      for (const name of ['Send', 'New chat', 'Get the code']) {
        assert.equal(await agent.page.getByRole('button', { name }).count(), 1, `"${name}"`);
      }
      assert.equal(await agent.input.count(), 1, 'the textbox is named "Message"');
      assert.equal(await agent.page.getByRole('combobox', { name: 'Agent' }).count(), 1);

      // Keyboard only: Tab reaches the controls with a visible outline; Enter sends.
      await agent.page.getByRole('combobox', { name: 'Agent' }).focus();
      await agent.page.keyboard.press('Tab');
      const outline = await agent.page.evaluate(
        () => getComputedStyle(document.activeElement).outlineStyle,
      );
      assert.notEqual(outline, 'none', 'the focused control shows an outline');
      await agent.input.focus();
      await agent.page.keyboard.type('first line');
      await agent.page.keyboard.press('Shift+Enter');
      await agent.page.keyboard.type('second line');
      assert.equal(await agent.input.inputValue(), 'first line\nsecond line');
      const users = await agent.user.count();
      await agent.page.keyboard.press('Enter');
      assert.equal(await agent.waitIdle(), 'ready');
      assert.equal(await agent.user.count(), users + 1, 'Enter sent the message');
      await screenshot('07-phone');
    } finally {
      await agent.page.setViewportSize({ width: 1100, height: 900 });
    }
  });

  test('a follow-up reaches the same session even when the chat id -> session mapping is gone', async () => {
    await agent.openNewChat();
    emulator().clearRequests();
    await agent.send(FACTORIAL);
    assert.equal(await agent.waitIdle(), 'ready');
    const [first] = chatRequests();
    // The provider's conversation entry for this chat (fs driver: one file per key), removed as
    // an expired entry or a lost store would be. The chat's stored messages still name the
    // session in their part metadata.
    const entries = filesUnder(dataDir).filter(
      (path) => path.includes('conversation') && path.endsWith(agent.chatId()),
    );
    assert.equal(entries.length, 1, 'the chat had a conversation entry');
    rmSync(entries[0]);

    await agent.send(FOLLOW_UP);
    assert.equal(await agent.waitIdle(), 'ready');
    assert.match((await agent.lastAnswerText()).join('\n'), /factorial\.py/);
    const creates = emulator().requests.filter((entry) => entry.path === '/create-session');
    assert.equal(creates.length, 1, 'no new agent session');
    assert.deepEqual(
      chatRequests().map((entry) => [entry.body?.sid, entry.body?.prompt]),
      [
        [first.body.sid, FACTORIAL],
        [first.body.sid, FOLLOW_UP],
      ],
      'the follow-up alone went to the same session',
    );
    const remembered = filesUnder(dataDir).filter(
      (path) => path.includes('conversation') && path.endsWith(agent.chatId()),
    );
    assert.equal(remembered.length, 1, 'the chat remembers its session again');

    // "Get the code" hands out that session: the clone holds the work of both turns.
    const page = agent.page;
    await page.evaluate(() => localStorage.clear());
    await page.getByRole('button', { name: 'Get the code', exact: true }).click();
    await page.getByLabel('GitHub username').fill('octocat');
    await page.getByRole('button', { name: 'Continue' }).click();
    const repoUrl = `${emulator().url}/workspaces/${first.body.sid}`;
    await page.getByRole('link', { name: repoUrl }).waitFor();
    const directory = mkdtempSync(join(tmpdir(), 'next-agent-clone-'));
    try {
      const [git, ...args] = (await page.getByLabel('Clone command').textContent()).split(' ');
      await run(git, [...args, join(directory, 'workspace')], {
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
        timeout: 60_000,
      });
      const files = readdirSync(join(directory, 'workspace'));
      assert.ok(files.includes('factorial.py'), `the first turn's file: ${files.join(', ')}`);
      assert.ok(
        files.some((file) => /^test_.*\.py$/.test(file)),
        `and the follow-up's tests: ${files.join(', ')}`,
      );
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

/** Every file under `dir`, as paths. */
function filesUnder(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The whole first answer in one picture (its long output folded again), for the READMEs. */
async function updateDocsScreenshot(openOutput) {
  await openOutput.locator('summary').click();
  const height = await agent.page.evaluate(() => {
    const conversation = document.querySelector('.conversation');
    return document.body.scrollHeight + conversation.scrollHeight - conversation.clientHeight;
  });
  await agent.page.setViewportSize({ width: 1200, height: Math.min(height + 8, 2400) });
  await screenshot('docs', { path: join(appDir, 'docs', 'screenshot.png') });
  await agent.page.setViewportSize({ width: 1100, height: 900 });
}
