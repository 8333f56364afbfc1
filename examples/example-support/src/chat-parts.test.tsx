import { createRef } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ChatStatus, Composer, ExamplePrompts, isSendKey } from './chat-parts';

const composer = (props: Partial<Parameters<typeof Composer>[0]>) =>
  renderToString(
    <Composer
      value=""
      onValueChange={() => {}}
      onSend={() => {}}
      busy={false}
      onStop={() => {}}
      waiting={false}
      inputRef={createRef()}
      {...props}
    />,
  );

describe('chat parts', () => {
  it('sends on Enter, not on Shift+Enter or while an IME composes', () => {
    expect(isSendKey({ key: 'Enter', shiftKey: false, isComposing: false })).toBe(true);
    expect(isSendKey({ key: 'Enter', shiftKey: true, isComposing: false })).toBe(false);
    expect(isSendKey({ key: 'Enter', shiftKey: false, isComposing: true })).toBe(false);
    expect(isSendKey({ key: 'a', shiftKey: false, isComposing: false })).toBe(false);
  });

  it('shows Send (off while the box is empty), or Stop while the agent answers', () => {
    expect(composer({ value: '' })).toMatch(
      /<button type="submit" class="button" disabled="">Send/,
    );
    expect(composer({ value: 'hi' })).toMatch(/<button type="submit" class="button">Send/);
    expect(composer({ busy: true })).toContain('>Stop</button>');
    expect(composer({ busy: true, stopping: true })).toMatch(/disabled="">Stopping…/);
    expect(composer({ waiting: true })).toContain('placeholder="Answer the agent…"');
    expect(composer({})).toContain('Enter to send, Shift+Enter for a new line.');
  });

  it('says what the conversation is waiting for', () => {
    const html = renderToString(<ChatStatus sending={false} stopped waiting />);
    expect(html).toContain('Stopped. Send a message to go on.');
    expect(html).toContain('The agent is waiting for your answer.');
    expect(renderToString(<ChatStatus sending stopped={false} waiting={false} />)).toContain(
      'Sending to the agent…',
    );
  });

  it('lists the example prompts as buttons', () => {
    const html = renderToString(
      <ExamplePrompts intro="Ask something." examples={['One', 'Two']} onPick={() => {}} />,
    );
    expect(html.match(/<button/g)).toHaveLength(2);
    expect(html).toContain('Ask something.');
  });
});
