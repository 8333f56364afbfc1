import { APICallError } from '@ai-sdk/provider';
import { generateText } from 'ai';
import { providerFor, requestsTo, useEmulator } from '../integration/emulator-fixture';
import { runDoStream } from './matrix-harness';

describe('concurrency on one provider instance', () => {
  const emulator = useEmulator({ maxSessions: 2_000 });

  // About a second when idle, ten times that on a loaded 2-core machine: a generous timeout.
  it('fetches the token once for 200 concurrent cold calls, and all of them succeed', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, index) =>
        generateText({
          model: robocoders('GeneralCodingAgent'),
          // A different prompt per call, so a mixed-up answer would show.
          prompt: `bench 2 ${index + 1}`,
          maxRetries: 0,
        }),
      ),
    );
    results.forEach((result, index) => {
      expect(result.finishReason).toBe('stop');
      // `bench 2 <n>` streams two messages of n characters before the final one.
      expect(result.text.split('\n\n')[0]).toHaveLength(index + 1);
    });
    expect(requestsTo(emulator(), '/auth')).toHaveLength(1);
    const chats = requestsTo(emulator(), '/chat');
    expect(chats).toHaveLength(200);
    expect(new Set(chats.map((entry) => entry.bearer)).size).toBe(1);
    // Every call got its own session: no two callers ever share one.
    expect(new Set(chats.map((entry) => (entry.body as { sid: string }).sid)).size).toBe(200);
    expect(
      new Set(results.map((result) => result.providerMetadata?.robocoders.sessionId)).size,
    ).toBe(200);
  }, 120_000);

  it('creates one session per conversation however many calls start at once', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const conversations = Array.from({ length: 10 }, (_, index) => `conversation-${index}`);
    const calls = conversations.flatMap((conversationId) =>
      Array.from({ length: 8 }, () =>
        generateText({
          model: robocoders('RepoAgent'),
          prompt: `bench 1 ${conversationId.length}`,
          providerOptions: { robocoders: { conversationId } },
          maxRetries: 0,
        }).then((result) => ({ conversationId, result })),
      ),
    );
    const results = await Promise.all(calls);
    expect(requestsTo(emulator(), '/create-session')).toHaveLength(conversations.length);
    const sidOf = new Map<string, Set<string>>();
    for (const { conversationId, result } of results) {
      expect(result.finishReason).toBe('stop');
      const sid = result.providerMetadata?.robocoders.sessionId as string;
      sidOf.set(conversationId, (sidOf.get(conversationId) ?? new Set()).add(sid));
    }
    const sids = [...sidOf.values()].map((set) => {
      expect(set.size).toBe(1);
      return [...set][0];
    });
    // Different conversations never share a session.
    expect(new Set(sids).size).toBe(conversations.length);
  });

  it('lets the waiting calls of a conversation create its session when the first call fails', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    await generateText({ model: robocoders('RepoAgent'), prompt: 'hi', maxRetries: 0 }); // warm token
    emulator().clearRequests();
    emulator().fault({ endpoint: '/create-session', kind: 'status', status: 503 });
    const model = robocoders('RepoAgent');
    const providerOptions = { robocoders: { conversationId: 'flaky-start' } };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => runDoStream(model, { providerOptions })),
    );
    const failed = results.filter((result) => result.thrown !== undefined);
    expect(failed).toHaveLength(1);
    expect(APICallError.isInstance(failed[0].thrown)).toBe(true);
    expect((failed[0].thrown as APICallError).statusCode).toBe(503);
    const sessions = requestsTo(emulator(), '/create-session');
    expect(sessions.map((entry) => entry.status)).toEqual([503, 200]);
    const sids = new Set(
      requestsTo(emulator(), '/chat').map((entry) => (entry.body as { sid: string }).sid),
    );
    expect(sids.size).toBe(1);
    expect(results.filter((result) => result.finishReason === 'stop')).toHaveLength(5);
  });
});
