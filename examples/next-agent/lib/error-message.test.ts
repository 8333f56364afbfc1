import { APICallError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { describeError, redact } from './error-message';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

const apiError = (statusCode: number | undefined, message: string) =>
  new APICallError({ message, url: 'http://x/chat', requestBodyValues: {}, statusCode });

describe('describeError', () => {
  it('says the service is unavailable after the retries ran out', () => {
    const last = apiError(503, 'Service Unavailable');
    const error = new RetryError({
      message: 'Failed after 3 attempts',
      reason: 'maxRetriesExceeded',
      errors: [last, last, last],
    });
    expect(describeError(error)).toBe(
      'The Robocoders service is unavailable right now (503). Retry in a moment. (tried 3 times)',
    );
  });

  it('names rejected credentials and tells a broken stream from an unreachable service', () => {
    expect(describeError(apiError(401, 'no'))).toMatch(/rejected the credentials \(401\)/);
    expect(describeError(apiError(undefined, 'stream broke after 3 events'))).toMatch(
      /broke off in the middle of the answer/,
    );
    expect(describeError(apiError(undefined, 'Cannot connect (ECONNREFUSED)'))).toMatch(
      /^Could not reach the Robocoders service/,
    );
  });

  it('keeps one line and never a token', () => {
    const message = describeError(new Error(`bad Bearer ${JWT}\n    at secret (/x.js:1:1)`));
    expect(message).toBe("The agent's answer failed: bad Bearer [redacted]");
    expect(redact(`t ${JWT} k sk-12345678`, ['sk-12345678'])).toBe(
      't [redacted token] k [redacted]',
    );
  });
});
