import { APICallError } from '@ai-sdk/provider';
import {
  CONTINUATION_RETRY_DELAYS_MS,
  continuationRetryDelay,
  MAX_CONTINUATION_RETRY_AFTER_MS,
} from './continuation-retry';

const refused = (statusCode: number, retryAfter?: string) =>
  new APICallError({
    message: `status ${statusCode}`,
    url: 'http://robocoders.test/chat',
    requestBodyValues: {},
    statusCode,
    responseHeaders: retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  });

describe('continuationRetryDelay', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits 500 ms, then 1 s, then gives up (the defaults)', () => {
    expect(CONTINUATION_RETRY_DELAYS_MS).toEqual([500, 1000]);
    expect(continuationRetryDelay(refused(429), 0)).toBe(500);
    expect(continuationRetryDelay(refused(503), 1)).toBe(1000);
    expect(continuationRetryDelay(refused(429), 2)).toBeUndefined();
  });

  it.each([400, 404, 500, 502])('does not retry a %i (the service may have taken it)', (status) => {
    expect(continuationRetryDelay(refused(status), 0)).toBeUndefined();
  });

  it('does not retry what is not an API error', () => {
    expect(continuationRetryDelay(new Error('reset'), 0)).toBeUndefined();
  });

  it('honours a Retry-After in seconds longer than the backoff', () => {
    expect(continuationRetryDelay(refused(429, '3'), 0)).toBe(3000);
    expect(continuationRetryDelay(refused(503, '1.5'), 1)).toBe(1500);
  });

  it('keeps the backoff when Retry-After asks for less', () => {
    expect(continuationRetryDelay(refused(429, '0'), 0)).toBe(500);
  });

  it('honours a Retry-After HTTP date', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-03T12:00:00Z'));
    expect(continuationRetryDelay(refused(503, 'Thu, 03 Dec 2026 12:00:04 GMT'), 0)).toBe(4000);
    // A date already past waits the backoff.
    expect(continuationRetryDelay(refused(503, 'Thu, 03 Dec 2026 11:00:00 GMT'), 0)).toBe(500);
  });

  it('fails at once when Retry-After asks for more than 5 s', () => {
    expect(MAX_CONTINUATION_RETRY_AFTER_MS).toBe(5000);
    expect(continuationRetryDelay(refused(429, '5'), 0)).toBe(5000);
    expect(continuationRetryDelay(refused(429, '6'), 0)).toBeUndefined();
    expect(continuationRetryDelay(refused(429, '3600'), 0)).toBeUndefined();
  });

  it('ignores a Retry-After it cannot read', () => {
    expect(continuationRetryDelay(refused(429, 'soon'), 0)).toBe(500);
  });
});
