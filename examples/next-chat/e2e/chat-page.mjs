// What a person does on the chat page, as small helpers over playwright-core.
import { appDir, startE2eStack, waitFor } from './harness.mjs';

/**
 * What each e2e file starts once: a real emulator (paced by `paceMs`), the production build on
 * it, and Chromium on the chat page. `stop()` ends all three.
 */
export async function startChatStack(options) {
  const stack = await startE2eStack(appDir, options);
  const chat = new ChatPage(stack.browser.page, stack.app.url);
  await chat.open();
  return { ...stack, chat };
}

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
  async waitIdle(timeoutMs = 60_000) {
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
   * Starts recording, inside the page, every distinct length the last agent message's text takes
   * as the DOM changes. A MutationObserver runs on each render however busy the machine is, where
   * polling from Node would miss renders. Install it before sending; read it with `lengths()`.
   */
  async recordMessageLengths() {
    await this.page.evaluate(() => {
      window.__messageLengths?.observer.disconnect();
      const main = document.querySelector('main.chat');
      const lengths = [];
      const observer = new MutationObserver(() => {
        const messages = main.querySelectorAll('li[data-role="assistant"]');
        const length = messages[messages.length - 1]?.textContent.length ?? 0;
        if (length > 0 && length !== lengths.at(-1)) lengths.push(length);
      });
      observer.observe(main, { childList: true, subtree: true, characterData: true });
      window.__messageLengths = { lengths, observer };
    });
    return {
      lengths: () => this.page.evaluate(() => [...window.__messageLengths.lengths]),
      stop: () => this.page.evaluate(() => window.__messageLengths.observer.disconnect()),
    };
  }

  /** Polls the last agent message until `until(text)` holds, e.g. a step has been shown. */
  async waitForLastMessage(until, timeoutMs = 60_000) {
    return waitFor(
      'the agent message to show what was expected',
      async () => until(await this.lastMessageText()),
      { timeoutMs },
    );
  }
}
