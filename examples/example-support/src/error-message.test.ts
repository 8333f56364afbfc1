import * as ai4 from 'ai-v4';
import * as ai7 from 'ai-v7';
import { describe, expect, it } from 'vitest';
import { chatAlertText, describeError, redactSecrets } from './error-message';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

// The errors of both majors the apps run: the module must read each without importing either.
describe.each([
  ['ai 4', ai4],
  ['ai 7', ai7],
] as const)('describeError with the errors of %s', (_major, sdk) => {
  const apiError = (statusCode: number | undefined, message: string) =>
    new sdk.APICallError({
      message,
      url: 'http://127.0.0.1:4010/chat',
      requestBodyValues: {},
      statusCode,
      isRetryable: statusCode === undefined || statusCode >= 500,
    });
  const retried = (errors: unknown[]) =>
    new sdk.RetryError({ message: 'Failed after retries', reason: 'maxRetriesExceeded', errors });

  it('says the service is unavailable after the retries ran out', () => {
    const last = apiError(503, 'Service Unavailable');
    expect(describeError(retried([last, last, last]))).toBe(
      'The Robocoders service is unavailable right now (503). Retry in a moment. (tried 3 times)',
    );
  });

  it('names each status the service answers with', () => {
    expect(describeError(apiError(401, 'Could not validate credentials'))).toBe(
      'The Robocoders service rejected the credentials (401). Check ROBOCODERS_API_KEY, then retry.',
    );
    expect(describeError(apiError(403, 'no'))).toMatch(/rejected the credentials \(403\)/);
    expect(describeError(apiError(404, 'session s-1 not found'))).toBe(
      'The Robocoders service no longer knows this session (404): session s-1 not found',
    );
    expect(describeError(apiError(429, 'slow down'))).toMatch(/is busy \(429\)/);
    expect(describeError(apiError(408, 'timeout'))).toMatch(/is busy \(408\)/);
    expect(describeError(apiError(422, 'prompt: required'))).toBe(
      'The Robocoders service refused the request (422): prompt: required',
    );
  });

  it('tells a broken stream from a service that cannot be reached', () => {
    expect(
      describeError(apiError(undefined, 'chat stream of session s broke after 3 events')),
    ).toBe(
      'The connection to the agent broke off in the middle of the answer. Retry to ask again.',
    );
    expect(describeError(apiError(undefined, 'response body terminated'))).toMatch(/broke off/);
    expect(
      describeError(
        apiError(undefined, 'Cannot connect to Robocoders (POST http://x/chat): socket closed'),
      ),
    ).toBe(
      'Could not reach the Robocoders service (Cannot connect to Robocoders (POST http://x/chat): socket closed). Is it running?',
    );
  });

  it('says one try without "(tried 1 times)"', () => {
    expect(describeError(retried([apiError(500, 'boom')]))).toBe(
      'The Robocoders service is unavailable right now (500). Retry in a moment.',
    );
  });

  it('keeps the token out of what the server echoed', () => {
    const message = describeError(apiError(400, `bad token ${JWT} for Bearer abc.def`));
    expect(message).toBe(
      'The Robocoders service refused the request (400): bad token [redacted token] for Bearer [redacted]',
    );
  });
});

describe('describeError with other errors', () => {
  it('says a stopped request was stopped, whatever stopped it', () => {
    const abort = new Error('The operation was aborted');
    abort.name = 'AbortError';
    expect(describeError(abort)).toBe('The request was stopped.');
    expect(describeError(new DOMException('aborted', 'AbortError'))).toBe(
      'The request was stopped.',
    );
    expect(describeError(new DOMException('timed out', 'TimeoutError'))).toBe(
      'The request was stopped.',
    );
  });

  it('keeps only the first line of other errors and never a token', () => {
    const error = new Error(`bad thing with Bearer ${JWT}\n    at secret (/app/x.js:1:1)`);
    const message = describeError(error);
    expect(message).toBe("The agent's answer failed: bad thing with Bearer [redacted]");
    expect(message).not.toContain('at secret');
  });

  it('caps a long detail at 300 characters', () => {
    const message = describeError(new Error('x'.repeat(1000)));
    expect(message).toBe(`The agent's answer failed: ${'x'.repeat(299)}…`);
  });

  it('names an error by its name when it has no message, and copes with non-errors', () => {
    expect(describeError(new TypeError(''))).toBe("The agent's answer failed: TypeError");
    expect(describeError('socket hang up')).toBe("The agent's answer failed: socket hang up");
    expect(describeError(undefined)).toBe('The agent could not answer.');
    expect(describeError(null)).toBe('The agent could not answer.');
  });

  it('does not take a look-alike for an AI SDK error', () => {
    const fake = { name: 'AI_APICallError', message: 'x', statusCode: 401 };
    expect(describeError(fake)).toBe("The agent's answer failed: x");
    expect(describeError({})).toBe('The agent could not answer.');
  });

  it('cuts the configured key out of the message', () => {
    expect(describeError(new Error('key sk-12345678 refused'), ['sk-12345678'])).toBe(
      "The agent's answer failed: key [redacted] refused",
    );
  });
});

describe('redactSecrets', () => {
  it('removes bearer headers, JWTs and the configured key, every time they occur', () => {
    expect(
      redactSecrets(`token ${JWT}, Bearer abc and key sk-12345678 sk-12345678`, ['sk-12345678']),
    ).toBe('token [redacted token], Bearer [redacted] and key [redacted] [redacted]');
  });

  it('leaves short or missing secrets alone, so ordinary words survive', () => {
    expect(redactSecrets('the key is short', ['key', undefined, ''])).toBe('the key is short');
  });
});

describe('chatAlertText', () => {
  it('says what to check when the app route is out of reach, else passes the route’s sentence on', () => {
    expect(chatAlertText(new TypeError('Failed to fetch'))).toMatch(
      /Could not reach the app server/,
    );
    expect(chatAlertText(new Error('The agent is still working on this chat.'))).toBe(
      'The agent is still working on this chat.',
    );
    expect(chatAlertText(new Error(''))).toBe('Something went wrong.');
  });
});
