import { describe, expect, it } from 'vitest';
import { collectingCallContext } from './call-context';

describe('collectingCallContext', () => {
  it('logs each warning as given and keeps it redacted for the call', () => {
    const logged: string[] = [];
    const sink = {
      warn: (message: string) => logged.push(message),
      redact: (text: string) => text.replaceAll('secret-token', '[redacted]'),
    };
    const signal = new AbortController().signal;
    const { context, warnings } = collectingCallContext({ 'x-a': '1' }, signal, sink);
    context.warn('store failed for secret-token');
    expect(warnings).toEqual(['store failed for [redacted]']);
    expect(logged).toEqual(['store failed for secret-token']);
    expect(context).toMatchObject({ headers: { 'x-a': '1' }, signal });
  });
});
