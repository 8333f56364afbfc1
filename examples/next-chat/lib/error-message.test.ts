import { APICallError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { redactSecrets, toReadableError } from './error-message';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

function apiError(statusCode: number | undefined, message: string): APICallError {
  return new APICallError({
    message,
    url: 'http://127.0.0.1:4010/chat',
    requestBodyValues: {},
    statusCode,
    isRetryable: statusCode !== undefined && statusCode >= 500,
  });
}

describe('toReadableError', () => {
  it('says the service is unavailable after the retries ran out', () => {
    const last = apiError(503, 'Service Unavailable');
    const error = new RetryError({
      message: 'Failed after 3 attempts',
      reason: 'maxRetriesExceeded',
      errors: [last, last, last],
    });
    expect(toReadableError(error)).toBe(
      'The Robocoders service is unavailable right now (503). Retry in a moment. (tried 3 times)',
    );
  });

  it('names rejected credentials', () => {
    expect(toReadableError(apiError(401, 'Could not validate credentials'))).toMatch(
      /rejected the credentials \(401\)/,
    );
  });

  it('tells a broken stream from a service that cannot be reached', () => {
    expect(
      toReadableError(apiError(undefined, 'chat stream of session s broke after 3 events')),
    ).toMatch(/broke off in the middle of the answer/);
    expect(
      toReadableError(
        apiError(undefined, 'Cannot connect to Robocoders (POST http://x/chat): ECONNREFUSED'),
      ),
    ).toMatch(/^Could not reach the Robocoders service/);
  });

  it('keeps only the first line of other errors and never a token', () => {
    const error = new Error(`bad thing with Bearer ${JWT}\n    at secret (/app/x.js:1:1)`);
    const message = toReadableError(error);
    expect(message).toBe("The agent's answer broke off: bad thing with Bearer [redacted]");
    expect(message).not.toContain('at secret');
  });
});

describe('redactSecrets', () => {
  it('removes JWTs and the configured key', () => {
    expect(redactSecrets(`token ${JWT} and key sk-12345678`, ['sk-12345678'])).toBe(
      'token [redacted token] and key [redacted]',
    );
  });
});
