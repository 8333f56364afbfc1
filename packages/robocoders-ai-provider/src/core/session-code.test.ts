import { InvalidArgumentError, InvalidResponseDataError } from '@ai-sdk/provider';
import { checkSessionCodeOptions, parseSessionCode } from './session-code';

describe('checkSessionCodeOptions', () => {
  it.each(['octocat', 'octo-cat', 'a', 'A1-b2-C3', 'x'.repeat(39)])('accepts %s', (name) => {
    expect(checkSessionCodeOptions({ sessionId: 's', githubUsername: name })).toEqual({
      sid: 's',
      githubUsername: name,
    });
  });

  it.each(['', ' ', '-octo', 'octo-', 'oc--to', 'oc to', 'octo/cat', 'x'.repeat(40)])(
    'refuses the username %j',
    (name) => {
      expect(() => checkSessionCodeOptions({ sessionId: 's', githubUsername: name })).toThrow(
        InvalidArgumentError,
      );
    },
  );

  it('resolves a conversation later, and refuses options that are no object', () => {
    expect(checkSessionCodeOptions({ conversationId: 'c', githubUsername: 'octocat' })).toEqual({
      conversationId: 'c',
      githubUsername: 'octocat',
    });
    expect(() =>
      checkSessionCodeOptions(
        undefined as unknown as Parameters<typeof checkSessionCodeOptions>[0],
      ),
    ).toThrow(/sessionId or conversationId, githubUsername/);
  });
});

describe('parseSessionCode', () => {
  it('reads repo_url', () => {
    expect(parseSessionCode('{"repo_url":"https://github.com/o/r"}')).toEqual({
      repoUrl: 'https://github.com/o/r',
    });
  });

  it.each([
    ['<html>proxy error</html>', /not JSON/],
    ['{"url":"https://github.com/o/r"}', /no repository URL/],
    ['{"repo_url":""}', /no repository URL/],
    ['null', /no repository URL/],
  ])('refuses %s', (text, message) => {
    expect(() => parseSessionCode(text)).toThrow(InvalidResponseDataError);
    expect(() => parseSessionCode(text)).toThrow(message);
  });
});
