// What a person does on the agent page, as small helpers over playwright-core.

export class AgentPage {
  /** @param {import('playwright-core').Page} page */
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
    this.main = page.locator('main.chat');
    this.input = page.getByRole('textbox', { name: 'Message' });
    this.alert = page.locator('.error-banner[role="alert"]');
    this.assistant = page.locator('li[data-role="assistant"]');
    this.user = page.locator('li[data-role="user"]');
    this.steps = page.locator('li.step');
    this.waiting = page.getByText('The agent is waiting for your answer.');
  }

  /** Opens a new chat (`/` redirects to a fresh id) and waits until the page is live. */
  async openNewChat() {
    await this.page.goto(this.baseUrl);
    await this.waitLive();
  }

  /** Typing before hydration would submit the form natively. */
  async waitLive() {
    await this.page.waitForSelector('main[data-ready="true"]');
  }

  chatId() {
    return new URL(this.page.url()).pathname.split('/').at(-1);
  }

  async status() {
    return this.main.getAttribute('data-status');
  }

  /**
   * Starts recording, inside the page, every distinct text of the conversation's last agent
   * message as the DOM changes; {@link streamed} reads the record.
   */
  async recordStreaming() {
    await this.page.evaluate(() => {
      const states = [];
      const stepStates = new Set();
      const record = () => {
        const answers = document.querySelectorAll('li[data-role="assistant"]');
        const last = answers[answers.length - 1];
        const text = last?.textContent ?? '';
        if (text && text !== states[states.length - 1]) states.push(text);
        for (const step of last?.querySelectorAll('li.step') ?? []) {
          stepStates.add(`${step.dataset.tool}:${step.dataset.state}`);
        }
      };
      const observer = new MutationObserver(record);
      observer.observe(document.querySelector('main.chat'), {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['data-state'],
      });
      window.__streamed = { states, stepStates, observer };
    });
  }

  /**
   * What was recorded since {@link recordStreaming}: every distinct text of the last answer and
   * every `tool:state` a step row showed. Stops recording.
   */
  async streamed() {
    return this.page.evaluate(() => {
      window.__streamed.observer.disconnect();
      return { texts: window.__streamed.states, steps: [...window.__streamed.stepStates] };
    });
  }

  async send(text) {
    await this.input.fill(text);
    await this.input.press('Enter');
    await this.page.waitForSelector('main.chat:not([data-status="ready"])');
  }

  /** Waits until the chat is idle and returns 'ready' or 'error'. */
  async waitIdle(timeout = 60000) {
    await this.page.waitForSelector(
      'main.chat[data-status="ready"], main.chat[data-status="error"]',
      {
        timeout,
      },
    );
    const status = await this.status();
    if (status === 'ready' && (await this.assistant.count()) > 0) {
      // The status can turn 'ready' a render before the finish metadata lands.
      await this.assistant
        .last()
        .and(this.page.locator('[data-finish-reason]'))
        .waitFor({ timeout });
    }
    return status;
  }

  /** The step rows of the last answer. */
  lastSteps() {
    return this.assistant.last().locator('li.step');
  }

  lastAnswerText() {
    return this.assistant.last().locator('.answer').allTextContents();
  }
}
