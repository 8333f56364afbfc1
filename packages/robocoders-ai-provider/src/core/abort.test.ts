import { isAbortError, raceAbort, SharedFlight } from './abort';
import { errorMessage } from './fetch-function';

describe('raceAbort', () => {
  it('resolves with the promise when the signal stays quiet', async () => {
    expect(await raceAbort(Promise.resolve(1), new AbortController().signal)).toBe(1);
    expect(await raceAbort(Promise.resolve(2), undefined)).toBe(2);
  });

  it('rejects with the abort reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const pending = raceAbort(new Promise(() => {}), controller.signal);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
    await expect(raceAbort(Promise.resolve(1), controller.signal)).rejects.toThrow('stop');
  });
});

describe('SharedFlight', () => {
  it('runs once for every caller and aborts only when all callers gave up', async () => {
    let runs = 0;
    let flightSignal: AbortSignal | undefined;
    const flight = new SharedFlight((signal) => {
      runs++;
      flightSignal = signal;
      return new Promise<string>(() => {});
    });
    const a = new AbortController();
    const b = new AbortController();
    const first = flight.join(a.signal);
    const second = flight.join(b.signal);
    a.abort();
    await expect(first).rejects.toMatchObject({ name: 'AbortError' });
    expect(flightSignal?.aborted).toBe(false);
    b.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    expect(flightSignal?.aborted).toBe(true);
    expect(runs).toBe(1);
  });

  it('shares the result and does not report an unobserved failure', async () => {
    const ok = new SharedFlight(() => Promise.resolve('token'));
    expect(await Promise.all([ok.join(undefined), ok.join(undefined)])).toEqual(['token', 'token']);
    const failed = new SharedFlight(() => Promise.reject(new Error('nope')));
    await expect(failed.join(undefined)).rejects.toThrow('nope');
  });
});

describe('isAbortError and errorMessage', () => {
  it('recognises abort and timeout errors', () => {
    expect(isAbortError(new DOMException('x', 'AbortError'))).toBe(true);
    expect(isAbortError(new DOMException('x', 'TimeoutError'))).toBe(true);
    expect(isAbortError(new TypeError('fetch failed'))).toBe(false);
  });

  it('includes the cause Node hides behind "fetch failed"', () => {
    const error = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED') });
    expect(errorMessage(error)).toBe('fetch failed: connect ECONNREFUSED');
    expect(errorMessage('text')).toBe('text');
    expect(errorMessage({ code: 1 })).toBe('{"code":1}');
    expect(errorMessage(undefined)).toBe('unknown error');
  });
});
