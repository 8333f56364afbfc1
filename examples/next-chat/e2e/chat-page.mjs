// What a person does on the chat page, as small helpers over playwright-core.
import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from './harness.mjs';

export class ChatPage {
  /** @param {import('playwright-core').Page} page */
  constructor(page, url) {
    this.page = page;
    this.url = url;
    this.main = page.locator('main.chat');
    this.input = page.getByLabel('Message');
    this.banner = page.locator('.error-banner[role="alert"]');
    this.assistant = page.locator('li[data-role="assistant"]');
    this.user = page.locator('li[data-role="user"]');
  }

  async open() {
    await this.page.goto(this.url);
    // Typing before hydration would submit the form natively.
    await this.page.waitForSelector('main[data-ready="true"]');
  }

  async newChat() {
    await this.page.getByRole('button', { name: 'New chat' }).click();
    await waitFor('an empty conversation', async () => (await this.assistant.count()) === 0);
  }

  async status() {
    return this.main.getAttribute('data-status');
  }

  async setAutoContinue(on) {
    await this.page.getByLabel('Auto-continue').setChecked(on);
  }

  async send(text) {
    await this.input.fill(text);
    await this.input.press('Enter');
    await waitFor('the request to start', async () => (await this.status()) !== 'ready');
  }

  /**
   * Waits until the chat is no longer busy and returns 'ready' or 'error'. After a complete
   * answer it also waits for the answer's finish annotation: useChat throttles message renders,
   * so the status can turn 'ready' a moment before the last words are painted.
   */
  async waitIdle(timeoutMs = 20000) {
    const status = await waitFor(
      'the chat to finish',
      async () => {
        const current = await this.status();
        return current === 'ready' || current === 'error' ? current : null;
      },
      { timeoutMs },
    );
    if (status === 'ready') {
      await this.assistant.last().and(this.page.locator('[data-finish-reason]')).waitFor();
    }
    return status;
  }

  lastAnswer() {
    return this.assistant.last().locator('.answer');
  }

  async lastAnswerText() {
    if ((await this.assistant.count()) === 0) return '';
    const answer = this.lastAnswer();
    return (await answer.count()) === 0 ? '' : answer.textContent();
  }

  /** Everything the last agent message shows: its Thinking section and its answer. */
  async lastMessageText() {
    if ((await this.assistant.count()) === 0) return '';
    return (await this.assistant.last().textContent()) ?? '';
  }

  /**
   * Polls the last agent message while the chat streams and returns every distinct text seen,
   * in order: several growing values mean it was painted as it arrived, not once at the end.
   */
  async watchLastMessage({ until, onUpdate, timeoutMs = 20000 } = {}) {
    const seen = [];
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const status = await this.status();
      const text = await this.lastMessageText();
      if (text && text !== seen.at(-1)) {
        seen.push(text);
        await onUpdate?.(seen);
      }
      if (until ? await until(text, seen) : status === 'ready' || status === 'error') return seen;
      await sleep(15);
    }
    throw new Error(
      `The message did not finish streaming; last seen: ${seen.at(-1) ?? '(nothing)'}`,
    );
  }
}
