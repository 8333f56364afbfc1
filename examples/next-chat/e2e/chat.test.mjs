// End-to-end: the production build in Debian's Chromium against a real emulator started in this
// process, so tests can queue faults and read the emulator's request log.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import { startChatStack } from './chat-page.mjs';
import { appDir, screenshot, waitFor } from './harness.mjs';

const FACTORIAL = 'Write a Python function that computes a factorial.';
const FOLLOW_UP = 'Now add tests for it.';
/** The code of a fenced block in `language`, as the shared Markdown (Streamdown) renders it. */
const CODE_BLOCK = (language) =>
  `[data-streamdown="code-block"][data-language="${language}"] pre code`;
const HIGHLIGHTED_TOKEN = 'span[style*="--shiki-dark"]';

/** @type {import('robocoders-emulator').RunningEmulator} */
let emulator;
let stack;
/** @type {import('./chat-page.mjs').ChatPage} */
let chat;

const chatRequests = () => emulator.requests.filter((entry) => entry.path === '/chat');
const prompts = () => chatRequests().map((entry) => entry.body?.prompt);

/** A new conversation with one finished answer to FACTORIAL, the emulator's log cleared first. */
async function answeredConversation() {
  await chat.newChat();
  emulator.clearRequests();
  await chat.send(FACTORIAL);
  assert.equal(await chat.waitIdle(), 'ready');
}

before(async () => {
  stack = await startChatStack({ paceMs: 40 });
  ({ emulator, chat } = stack);
});

after(async () => {
  await stack?.stop();
});

beforeEach(() => {
  emulator.clearFaults();
});

describe('next-chat in Chromium', () => {
  test('an answer streams in, with the agent’s thinking and highlighted code', async () => {
    await chat.newChat();
    emulator.clearRequests();
    // Each event dribbles out in pieces: far apart enough that every event gets its own render.
    emulator.fault({ endpoint: '/chat', kind: 'slow-drip', delayMs: 100 });
    const recording = await chat.recordMessageLengths();
    await chat.send(FACTORIAL);
    // A picture mid-stream (or of the end, if it was all painted at once: asserted below).
    await chat.page.waitForFunction(
      () =>
        window.__messageLengths.lengths.length >= 3 ||
        ['ready', 'error'].includes(document.querySelector('main.chat')?.dataset.status),
    );
    await screenshot(chat.page, '01-streaming');
    assert.equal(await chat.waitIdle(), 'ready');
    const lengths = await recording.lengths();
    await recording.stop();
    const shown = (await chat.lastMessageText()).length;
    assert.equal(lengths.at(-1), shown, `the last length seen is the final message: ${lengths}`);
    const growing = lengths
      .slice(0, -1)
      .filter((length, index) => length > (lengths[index - 1] ?? 0));
    assert.ok(
      new Set(growing).size >= 3,
      `the message grew through several lengths before its final one: ${lengths}`,
    );
    const final = await chat.lastAnswerText();

    const thinking = chat.assistant.last().locator('details.thinking');
    assert.equal(await thinking.count(), 1, 'a Thinking section');
    const thoughts = (await thinking.locator('.thinking-body').textContent()).trim();
    assert.ok(thoughts.length > 0, 'thoughts are shown');
    const wasOpen = await thinking.evaluate((element) => element.open);
    await thinking.locator('summary').click();
    assert.equal(await thinking.evaluate((element) => element.open), !wasOpen, 'it toggles');
    if (wasOpen) await thinking.locator('summary').click();

    // The agent's steps are in Thinking as Markdown (the provider's agentSteps: 'reasoning'):
    // the file write is the Python code that holds the file, highlighted; the command it ran is
    // a shell block; observations are their one-line summaries.
    const python = thinking.locator(CODE_BLOCK('python')).first();
    const pythonText = await python.textContent();
    assert.match(pythonText, /create_file\('factorial\.py'\)/);
    assert.match(pythonText, /def factorial/, 'the code of the file it wrote');
    // Shiki colours each token for both schemes once the grammar has loaded.
    await python.locator(HIGHLIGHTED_TOKEN).first().waitFor();
    const shell = thinking.locator(CODE_BLOCK('sh')).first();
    assert.match(await shell.textContent(), /python3 factorial\.py/);
    assert.match(thoughts, /Code executed in IPython cell\./);
    assert.match(thoughts, /TaskPlannerAgent finishes task with plan:/);
    assert.match(final, /factorial\.py/, 'the answer names the file it wrote');
    // ...and not in the answer, which is only what the agent says to the person.
    for (const step of ['Running command:', 'Code executed in IPython cell.', 'create_file(']) {
      assert.ok(!final.includes(step), `no step summary in the answer: ${step}`);
    }
    await screenshot(chat.page, '02-answer');

    // Auto-continue is off by default: the agent's closing question is left to the person.
    assert.deepEqual(prompts(), [FACTORIAL]);
    assert.equal(await chat.page.getByText('The agent is waiting for your answer.').count(), 1);

    const sid = chatRequests()[0]?.body?.sid;
    assert.ok(sid, 'the chat went to the emulator');
    const files = Object.keys(emulator.session(sid)?.files ?? {});
    assert.ok(files.length > 0, 'the agent wrote a file in its session');
  });

  test('a follow-up continues the same session and sends only the new turn', async () => {
    await answeredConversation();
    const before = chatRequests().length;
    await chat.send(FOLLOW_UP);
    await chat.waitIdle();
    assert.equal(await chat.status(), 'ready');
    assert.equal(await chat.assistant.count(), 2);
    // "it" only makes sense to an agent that still has the file from the first turn.
    assert.match(await chat.lastAnswerText(), /factorial\.py/);

    const creates = emulator.requests.filter((entry) => entry.path === '/create-session');
    assert.equal(creates.length, 1, 'one session for the whole conversation');
    const sids = new Set(chatRequests().map((entry) => entry.body?.sid));
    assert.equal(sids.size, 1, 'every turn went to the same session');
    assert.ok(chatRequests().length > before);
    assert.deepEqual(prompts(), [FACTORIAL, FOLLOW_UP], 'the follow-up alone was sent');

    await screenshot(chat.page, '03-follow-up');
    if (process.env.E2E_UPDATE_DOCS_SCREENSHOT === '1') {
      // The whole conversation in one picture: as tall as its content, the follow-up's
      // Thinking folded.
      await chat.assistant.last().locator('details.thinking summary').click();
      const height = await chat.page.evaluate(() => {
        const conversation = document.querySelector('.conversation');
        return document.body.scrollHeight + conversation.scrollHeight - conversation.clientHeight;
      });
      await chat.page.setViewportSize({ width: 1000, height: Math.min(height + 8, 2400) });
      mkdirSync(join(appDir, 'docs'), { recursive: true });
      await screenshot(chat.page, 'docs', { path: join(appDir, 'docs', 'screenshot.png') });
      await chat.page.setViewportSize({ width: 1100, height: 900 });
    }
  });

  test('Stop closes the upstream request mid-stream', async () => {
    await chat.newChat();
    emulator.clearRequests();
    // 200 paced steps: far longer than the moment it takes to press Stop.
    await chat.send('Please do a long task 200');
    await chat.waitForLastMessage((text) => text.includes('step 2 of 200'));
    await chat.page.getByRole('button', { name: 'Stop' }).click();
    await waitFor('the chat to be idle', async () => (await chat.status()) === 'ready');
    await chat.page.getByText('Stopped.').waitFor();

    const aborted = await waitFor('the emulator to see the client go away', () =>
      chatRequests().find((entry) => entry.clientAborted),
    );
    assert.equal(aborted.status, 200);
    await screenshot(chat.page, '04-stopped');
  });

  test('the waiting-for-answer state appears when the agent asks a question', async () => {
    await chat.newChat();
    emulator.clearRequests();
    await chat.send('help');
    assert.equal(await chat.waitIdle(), 'ready');
    assert.match(await chat.lastAnswerText(), /\?/, 'the agent asked something');
    await chat.page.getByText('The agent is waiting for your answer.').waitFor();
    assert.equal(await chat.input.getAttribute('placeholder'), 'Answer the agent…');
    await screenshot(chat.page, '05-waiting');

    // Answering clears the state while the agent works on it.
    await chat.send('Write a hello world program in Python.');
    assert.equal(await chat.page.getByText('The agent is waiting for your answer.').count(), 0);
    await chat.waitIdle();
  });

  test('auto-continue answers the agent’s pause at its step budget', async () => {
    const task = 'Please do a long task 30';
    await chat.newChat();
    emulator.clearRequests();
    await chat.send(task);
    assert.equal(await chat.waitIdle(), 'ready');
    await chat.page.getByText('The agent paused after its step budget.').waitFor();
    assert.deepEqual(prompts(), [task], 'off: nothing was sent on the person’s behalf');

    await chat.newChat();
    emulator.clearRequests();
    await chat.setAutoContinue(true);
    try {
      await chat.send(task);
      assert.equal(await chat.waitIdle(), 'ready');
      assert.deepEqual(prompts(), [task, 'continue'], 'on: the pause was answered once');
      assert.match(await chat.lastAnswerText(), /all 30 steps/);
      assert.equal(await chat.page.getByText('The agent paused after its step budget.').count(), 0);
      await screenshot(chat.page, '06-auto-continued');
    } finally {
      await chat.setAutoContinue(false);
    }
  });

  test('a 503 shows the error banner and Retry recovers', async () => {
    await chat.newChat();
    emulator.clearRequests();
    // streamText retries a 503 twice on its own; the third failure reaches the person.
    emulator.fault({ endpoint: '/chat', kind: 'status', status: 503, times: 3 });
    await chat.send(FACTORIAL);
    assert.equal(await chat.waitIdle(), 'error');
    const banner = await chat.banner.textContent();
    assert.match(banner, /unavailable/);
    assert.match(banner, /503/);
    assert.doesNotMatch(banner, /eyJ|Bearer|at .*\.js/, 'no token or stack trace');
    assert.equal(chatRequests().filter((entry) => entry.status === 503).length, 3);
    await screenshot(chat.page, '07-error-503');

    await chat.page.getByRole('button', { name: 'Retry' }).click();
    assert.equal(await chat.waitIdle(), 'ready');
    assert.equal(await chat.banner.count(), 0, 'the banner is gone');
    assert.ok((await chat.lastAnswerText()).length > 0, 'the answer arrived');
  });

  test('a revoked token is renewed unseen; a persistent 401 shows the banner', async () => {
    await chat.newChat();
    emulator.clearRequests();
    // Every token issued so far is refused: the provider fetches a new one and retries once.
    emulator.fault({ endpoint: '/chat', kind: 'revoke-tokens' });
    await chat.send(FACTORIAL);
    assert.equal(await chat.waitIdle(), 'ready', 'the person sees a normal answer');
    assert.equal(await chat.banner.count(), 0);
    const statuses = emulator.requests.map((entry) => `${entry.path} ${entry.status}`);
    const firstRefused = statuses.indexOf('/chat 401');
    assert.ok(firstRefused >= 0, `a chat request was refused: ${statuses.join(', ')}`);
    assert.ok(
      statuses.slice(firstRefused).includes('/auth 200'),
      `a new token was fetched: ${statuses.join(', ')}`,
    );

    // A 401 that survives the renewal cannot be fixed by the app: say so, offer Retry.
    await chat.newChat();
    emulator.clearRequests();
    emulator.fault({ endpoint: '/chat', kind: 'status', status: 401, times: 2 });
    await chat.send(FACTORIAL);
    assert.equal(await chat.waitIdle(), 'error');
    assert.match(await chat.banner.textContent(), /rejected the credentials \(401\)/);
    await screenshot(chat.page, '08-error-401');
    await chat.page.getByRole('button', { name: 'Retry' }).click();
    assert.equal(await chat.waitIdle(), 'ready');
    assert.equal(await chat.banner.count(), 0);
  });

  test('a stream cut mid-answer shows the banner and Retry recovers', async () => {
    await chat.newChat();
    emulator.clearRequests();
    emulator.fault({ endpoint: '/chat', kind: 'cut', afterEvents: 3 });
    await chat.send(FACTORIAL);
    assert.equal(await chat.waitIdle(), 'error');
    assert.match(await chat.banner.textContent(), /broke off in the middle of the answer/);
    await screenshot(chat.page, '09-error-cut');

    await chat.page.getByRole('button', { name: 'Retry' }).click();
    assert.equal(await chat.waitIdle(), 'ready');
    assert.equal(await chat.banner.count(), 0);
    assert.equal(await chat.assistant.count(), 1, 'Retry replaced the broken answer');
  });

  test('works at phone width, with labels and visible focus', async () => {
    // An answer with code blocks and Thinking is what could widen the page.
    await answeredConversation();
    await chat.page.setViewportSize({ width: 390, height: 844 });
    try {
      const overflow = await chat.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `no sideways scrolling (overflow ${overflow}px)`);
      for (const label of ['Agent', 'Auto-continue', 'Message']) {
        assert.equal(await chat.page.getByLabel(label).count(), 1, `"${label}" is labelled`);
      }
      await chat.page.getByLabel('Agent').focus();
      await chat.page.keyboard.press('Tab');
      const outline = await chat.page.evaluate(() => {
        const style = getComputedStyle(document.activeElement);
        return { width: style.outlineWidth, style: style.outlineStyle };
      });
      assert.notEqual(outline.style, 'none', 'the focused control shows an outline');

      // Shift+Enter adds a line; Enter would send.
      const users = await chat.user.count();
      await chat.input.fill('');
      await chat.input.pressSequentially('first line');
      await chat.input.press('Shift+Enter');
      await chat.input.pressSequentially('second line');
      assert.equal(await chat.input.inputValue(), 'first line\nsecond line');
      assert.equal(await chat.user.count(), users, 'nothing was sent');
      await screenshot(chat.page, '10-phone');
      await chat.input.fill('');
    } finally {
      await chat.page.setViewportSize({ width: 1100, height: 900 });
    }
  });
});
