// End-to-end: a turn belongs to the chat, not to the browser tab. The production build in
// Chromium against a real emulator; each test starts its own chat.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  screenshot as saveScreenshot,
  startApp,
  startE2eStack,
  waitFor,
} from 'example-support/e2e';
import { AgentPage } from './agent-page.mjs';
import { startRedis } from './redis-server.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
// Paced: 20 steps take many seconds, far longer than a reload on a busy machine (and fewer than
// the emulator's step budget of 25, so the turn is one agent request).
const LONG = 'Please do a long task 20';
const DONE = /all 20 steps of the long task are complete/;

/** @type {Awaited<ReturnType<typeof startE2eStack>>} */
let stack;
let dataDir;

const emulator = () => stack.emulator;
const chatRequests = () => emulator().requests.filter((entry) => entry.path === '/chat');
/** The agent request of the turn once it has ended (the emulator logs its end). */
const ended = (entry) => entry.endedAt !== undefined;

async function newAgentPage(baseUrl = stack.app.url) {
  return new AgentPage(await stack.browser.context.newPage(), baseUrl);
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'next-agent-turns-'));
  stack = await startE2eStack(appDir, { paceMs: 150, env: { AGENT_DATA_DIR: dataDir } });
});

after(async () => {
  await stack?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  emulator().clearFaults();
  emulator().clearRequests();
});

describe('next-agent turns in Chromium', () => {
  test('a reload mid-turn shows the answer so far, resumes it and completes it', async () => {
    const agent = await newAgentPage();
    await agent.openNewChat();
    await agent.send(LONG);
    await agent.lastSteps().nth(2).waitFor();
    const before = await agent.lastSteps().count();

    await agent.page.reload();
    await agent.waitLive();
    // The answer as saved so far is there at once, then the resumed stream goes on.
    assert.ok((await agent.lastSteps().count()) >= before - 1, 'the steps so far are back');
    await agent.page.waitForSelector('main.chat[data-status="streaming"]');
    await agent.recordStreaming();
    assert.equal(await agent.waitIdle(), 'ready');
    const { texts } = await agent.streamed();
    assert.ok(texts.length >= 2, `the resumed answer kept growing (${texts.length} states)`);
    assert.match((await agent.lastAnswerText()).join('\n'), DONE);
    assert.equal(await agent.assistant.count(), 1, 'one answer, not a copy of it');
    assert.equal(await agent.user.count(), 1);
    await saveScreenshot(appDir, agent.page, '08-resumed');

    assert.deepEqual(
      chatRequests().map((entry) => [entry.body?.prompt, entry.clientAborted ?? false]),
      [[LONG, false]],
      'one prompt, and the agent request was never closed by the reload',
    );
    await agent.page.close();
  });

  test('a second tab on a running chat sees the answer stream in, and a message from it is refused', async () => {
    const first = await newAgentPage();
    await first.openNewChat();
    // The second tab is open on the chat before the turn starts: it does not know it is running.
    const second = await newAgentPage();
    await second.page.goto(first.page.url());
    await second.waitLive();
    await first.send(LONG);
    await first.lastSteps().nth(1).waitFor();

    await second.input.fill('And add a README.');
    await second.input.press('Enter');
    assert.equal(await second.waitIdle(), 'error');
    assert.match(await second.alert.textContent(), /still working on this chat/);

    const third = await newAgentPage();
    await third.page.goto(first.page.url());
    await third.waitLive();
    await third.page.waitForSelector('main.chat[data-status="streaming"]');
    assert.equal(await first.waitIdle(), 'ready');
    assert.equal(await third.waitIdle(), 'ready');
    for (const agent of [first, third]) {
      assert.match((await agent.lastAnswerText()).join('\n'), DONE);
      assert.equal(await agent.lastSteps().count(), 21, 'the plan and its 20 steps');
    }
    assert.deepEqual(
      chatRequests().map((entry) => entry.body?.prompt),
      [LONG],
      'the refused message never reached the agent',
    );
    for (const agent of [first, second, third]) await agent.page.close();
  });

  test('a page closed mid-turn: the agent goes on, and the chat opened later shows the answer', async () => {
    const agent = await newAgentPage();
    await agent.openNewChat();
    await agent.send('Please do a long task 6');
    await agent.lastSteps().nth(1).waitFor();
    const chatUrl = agent.page.url();
    await agent.page.close();

    const request = await waitFor('the agent to finish its turn', () => chatRequests().find(ended));
    assert.equal(request.clientAborted ?? false, false, 'closing the page did not stop the agent');
    const later = await newAgentPage();
    await later.page.goto(chatUrl);
    await later.waitLive();
    await later.page.locator('[data-finish-reason="stop"]').waitFor();
    assert.match((await later.lastAnswerText()).join('\n'), /all 6 steps of the long task/);
    assert.equal(await later.main.getAttribute('data-status'), 'ready');
    await later.page.close();
  });

  test('Stop closes the request to the agent and keeps the answer so far, marked stopped', async () => {
    const agent = await newAgentPage();
    await agent.openNewChat();
    await agent.send('Please do a long task 200');
    await agent.lastSteps().nth(1).waitFor();
    await agent.page.getByRole('button', { name: 'Stop' }).click();
    await agent.page.waitForSelector('main.chat[data-status="ready"]');
    await agent.page.getByText('Stopped. Send a message to go on.').waitFor();
    const aborted = await waitFor('the emulator to see the request closed', () =>
      chatRequests().find((entry) => entry.clientAborted),
    );
    assert.equal(aborted.status, 200);
    const steps = await agent.lastSteps().count();
    assert.ok(steps >= 2, 'the steps so far stay');

    // Saved as stopped: a reload shows the same answer, still marked.
    await agent.page.reload();
    await agent.waitLive();
    await agent.assistant.last().and(agent.page.locator('[data-stopped="true"]')).waitFor();
    assert.equal(await agent.lastSteps().count(), steps);
    assert.equal(await agent.page.locator('li.step[data-state="running"]').count(), 0);
    assert.equal(chatRequests().length, 1);
    await agent.page.close();
  });

  test('each answer shows what it cost, and the chat its running total', async () => {
    const agent = await newAgentPage();
    await agent.openNewChat();
    await agent.send('Write a Python function that computes a factorial.');
    assert.equal(await agent.waitIdle(), 'ready');
    const first = await agent.assistant.last().locator('.turn-cost').textContent();
    assert.match(first, /[\d,]+ tokens in · [\d,]+ out · \$\d/);
    await agent.send('Now add tests for it.');
    assert.equal(await agent.waitIdle(), 'ready');
    assert.equal(await agent.page.locator('.turn-cost').count(), 2, 'one line under each answer');
    const total = await agent.page.locator('.chat-cost').textContent();
    const tokensIn = (text) => Number(/([\d,]+) tokens in/.exec(text)[1].replaceAll(',', ''));
    const lines = await agent.page.locator('.turn-cost').allTextContents();
    assert.equal(tokensIn(total), tokensIn(lines[0]) + tokensIn(lines[1]), 'the total adds up');
    await saveScreenshot(appDir, agent.page, '09-cost');
    await agent.page.close();
  });

  test('with Redis, a turn started on one app instance is resumed and stopped from another', async () => {
    const redis = await startRedis();
    const shared = {
      ROBOCODERS_BASE_URL: emulator().url,
      AGENT_DATA_DIR: mkdtempSync(join(tmpdir(), 'next-agent-redis-')),
      REDIS_URL: redis.url,
    };
    const one = await startApp(appDir, shared);
    const two = await startApp(appDir, shared);
    try {
      const agent = await newAgentPage(one.url);
      await agent.openNewChat();
      const path = new URL(agent.page.url()).pathname;
      await agent.send('Please do a long task 200');
      await agent.lastSteps().nth(1).waitFor();

      // The reload is served by the other instance: it resumes the stream through Redis.
      const other = new AgentPage(agent.page, two.url);
      await other.page.goto(`${two.url}${path}`);
      await other.waitLive();
      await other.page.waitForSelector('main.chat[data-status="streaming"]');
      const shown = await other.lastSteps().count();
      await waitFor(
        'the resumed answer to grow',
        async () => (await other.lastSteps().count()) > shown,
      );
      await other.page.getByRole('button', { name: 'Stop' }).click();
      await other.page.waitForSelector('main.chat[data-status="ready"]');
      await other.page.getByText('Stopped. Send a message to go on.').waitFor();
      const aborted = await waitFor('the instance running the turn to close its request', () =>
        chatRequests().find((entry) => entry.clientAborted),
      );
      assert.equal(aborted.body?.prompt, 'Please do a long task 200');
      assert.equal(chatRequests().length, 1);
      await other.page.close();
    } finally {
      await one.stop();
      await two.stop();
      await redis.stop();
      rmSync(shared.AGENT_DATA_DIR, { recursive: true, force: true });
    }
  });
});
