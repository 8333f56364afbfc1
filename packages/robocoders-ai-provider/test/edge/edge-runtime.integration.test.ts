import type { LanguageModelV2StreamPart } from '@ai-sdk/provider-v2';
import type { LanguageModelV3StreamPart } from '@ai-sdk/provider-v3';
import type { LanguageModelV4StreamPart } from '@ai-sdk/provider-v4';
import { generateText, streamText } from 'ai';
import { inject } from 'vitest';
import { createRobocoders } from '../../src/v1/robocoders-provider';
import { createRobocoders as createRobocodersV2 } from '../../src/v2';
import { createRobocoders as createRobocodersV3 } from '../../src/v3';
import { createRobocoders as createRobocodersV4 } from '../../src/v4';

// Runs in the `edge` vitest project: the globals (fetch, Response, streams, TextDecoder, ...) are
// those of the Edge Runtime (`@edge-runtime/vm`), and the emulator runs outside it, in the Node
// process (global setup). Everything is inspected over HTTP, as a remote client would.

declare const EdgeRuntime: string | undefined;

const baseURL = inject('emulatorUrl');

interface SessionView {
  agent: string;
  files: Record<string, string>;
  prompts: string[];
}

interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  clientAborted?: boolean;
}

async function control<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${baseURL}/__emulator${path}`, init);
  if (!response.ok) throw new Error(`control ${path} answered ${response.status}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const session = (sid: string) => control<SessionView>(`/sessions/${sid}`);
const requests = () => control<LoggedRequest[]>('/requests');

async function queueFault(spec: object): Promise<void> {
  await control('/faults', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
}

async function collect<T>(stream: ReadableStream<T>): Promise<T[]> {
  const parts: T[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    parts.push(value);
  }
}

const TASK = 'Write a factorial function in Python';

describe('the provider inside the Edge Runtime, against the emulator', () => {
  beforeEach(async () => {
    await control('/faults', { method: 'DELETE' });
    await control('/requests', { method: 'DELETE' });
  });

  it('really runs with the Edge Runtime globals', () => {
    expect(typeof EdgeRuntime).toBe('string');
    expect(new Response('x').body).toBeInstanceOf(ReadableStream);
  });

  it('fetches its token from /auth and streams an answer with ai 4 streamText', async () => {
    const robocoders = createRobocoders({ baseURL, maxContinuations: 0 });
    const result = streamText({ model: robocoders('GeneralCodingAgent'), prompt: TASK });
    let text = '';
    let reasoning = '';
    for await (const part of result.fullStream) {
      if (part.type === 'text-delta') text += part.textDelta;
      if (part.type === 'reasoning') reasoning += part.textDelta;
      if (part.type === 'error') throw part.error;
    }
    expect(text).toContain('factorial.py');
    expect(reasoning.length).toBeGreaterThan(0);
    expect(await result.finishReason).toBe('stop');

    const sid = (await result.providerMetadata)?.robocoders?.sessionId;
    expect(typeof sid).toBe('string');
    const view = await session(String(sid));
    expect(view.files['factorial.py']).toContain('def factorial');
    expect((await requests()).map((request) => request.path)).toEqual([
      '/auth',
      '/create-session',
      '/chat',
    ]);
  });

  it('keeps a conversation in one session with the in-memory store', async () => {
    const robocoders = createRobocoders({ baseURL, maxContinuations: 0 });
    const options = { providerOptions: { robocoders: { conversationId: 'edge-chat-1' } } };
    const first = await generateText({
      model: robocoders('RepoAgent'),
      messages: [{ role: 'user', content: 'Add a factorial helper to utils.py' }],
      ...options,
    });
    const second = await generateText({
      model: robocoders('RepoAgent'),
      messages: [
        { role: 'user', content: 'Add a factorial helper to utils.py' },
        { role: 'assistant', content: first.text },
        { role: 'user', content: 'Now add tests for it' },
      ],
      ...options,
    });
    const sid = first.providerMetadata?.robocoders?.sessionId;
    expect(second.providerMetadata?.robocoders?.sessionId).toBe(sid);
    expect((await session(String(sid))).prompts).toEqual([
      'Add a factorial helper to utils.py',
      'Now add tests for it',
    ]);
  });

  it('streams through the /v2 (ai 5), /v3 (ai 6) and /v4 (ai 7) models', async () => {
    const v2 = createRobocodersV2({ baseURL, maxContinuations: 0 })('GeneralCodingAgent');
    const v2Result = await v2.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: TASK }] }],
    });
    const v2Parts: LanguageModelV2StreamPart[] = await collect(v2Result.stream);
    const v2Text = v2Parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
    expect(v2Text.join('')).toContain('factorial.py');
    expect(v2Parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });

    const v3 = createRobocodersV3({ baseURL, maxContinuations: 0 })('GeneralCodingAgent');
    const v3Result = await v3.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: TASK }] }],
    });
    const v3Parts: LanguageModelV3StreamPart[] = await collect(v3Result.stream);
    const v3Text = v3Parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
    expect(v3Text.join('')).toContain('factorial.py');
    expect(v3Parts.at(-1)).toMatchObject({ type: 'finish' });
    expect(v3Parts.some((part) => part.type === 'error')).toBe(false);

    const v4 = createRobocodersV4({ baseURL, maxContinuations: 0 })('GeneralCodingAgent');
    const v4Result = await v4.doStream({
      prompt: [
        {
          role: 'user',
          content: [
            { type: 'text', text: TASK },
            {
              type: 'file',
              filename: 'notes.txt',
              mediaType: 'text/plain',
              data: { type: 'text', text: 'n' },
            },
          ],
        },
      ],
    });
    const v4Parts: LanguageModelV4StreamPart[] = await collect(v4Result.stream);
    const v4Text = v4Parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
    expect(v4Text.join('')).toContain('factorial.py');
    expect(v4Parts.at(-1)).toMatchObject({ type: 'finish', finishReason: { unified: 'stop' } });
    expect(v4Parts.some((part) => part.type === 'error')).toBe(false);
  });

  it('closes the connection when the call is aborted mid-stream', async () => {
    // Every turn of a long task dribbles out, and the provider may continue it 20 times: left
    // alone the call would run for minutes, so only the abort can end it within the test.
    await queueFault({ endpoint: '/chat', kind: 'slow-drip', delayMs: 200, times: 25 });
    const robocoders = createRobocoders({ baseURL, maxContinuations: 20 });
    const controller = new AbortController();
    const result = streamText({
      model: robocoders('GeneralCodingAgent'),
      prompt: 'Please do a long task 200',
      abortSignal: controller.signal,
      onError: () => {},
    });
    const types: string[] = [];
    try {
      for await (const part of result.fullStream) {
        types.push(part.type);
        if (part.type === 'text-delta') controller.abort();
      }
    } catch (error) {
      expect(error).toMatchObject({ name: 'AbortError' });
    }
    expect(types).toContain('text-delta');
    expect(types).not.toContain('finish');
    await expect
      .poll(async () => (await requests()).filter((request) => request.path === '/chat'), {
        timeout: 15_000,
      })
      .toEqual([expect.objectContaining({ clientAborted: true })]);
  });
});
