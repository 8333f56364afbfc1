import { describe, expect, it } from 'vitest';
import * as nodeRoute from '../app/api/chat/route';
import * as edgeRoute from '../app/api/chat-edge/route';
import { POST } from './chat-handler';
import { firstChatSid, useAppEmulator } from './test-emulator';

const post = (body: string) =>
  POST(new Request('http://127.0.0.1/api/chat', { method: 'POST', body }));

/** The parts of an AI SDK 4 data stream response, by their type code (`0` text, `g` reasoning...). */
async function dataStreamParts(response: Response) {
  const parts: Array<{ code: string; value: unknown }> = [];
  for (const line of (await response.text()).split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      parts.push({ code: line.slice(0, colon), value: JSON.parse(line.slice(colon + 1)) });
  }
  const join = (code: string) =>
    parts.flatMap((part) => (part.code === code ? [part.value as string] : [])).join('');
  return { parts, text: join('0'), reasoning: join('g') };
}

describe('the chat routes', () => {
  it('serve one handler; only the edge route declares the Edge Runtime', () => {
    expect(nodeRoute.POST).toBe(POST);
    expect(edgeRoute.POST).toBe(POST);
    expect(edgeRoute.runtime).toBe('edge');
    expect('runtime' in nodeRoute).toBe(false);
    for (const route of [nodeRoute, edgeRoute]) {
      expect(route.dynamic).toBe('force-dynamic');
      expect(route.maxDuration).toBe(300);
    }
  });
});

describe('POST /api/chat', () => {
  const emulator = useAppEmulator();

  it('answers 400 naming the problem for a body that is not a chat request', async () => {
    const notJson = await post('{');
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toBe('The request body is not JSON.');
    const noMessages = await post(JSON.stringify({ id: 'chat-1', messages: [] }));
    expect(noMessages.status).toBe(400);
    expect(await noMessages.text()).toMatch(/^Invalid chat request \(messages: /);
    expect(emulator().requests).toHaveLength(0);
  });

  it("streams the agent's steps as reasoning and only its message as the answer", async () => {
    const response = await post(
      JSON.stringify({
        id: 'chat-steps',
        messages: [{ role: 'user', content: 'Write a factorial function in Python' }],
        agent: 'GeneralCodingAgent',
        maxContinuations: 0,
      }),
    );
    expect(response.status).toBe(200);
    const { parts, text, reasoning } = await dataStreamParts(response);
    expect(parts.some((part) => part.code === '3')).toBe(false);
    expect(reasoning).toContain("```python\ncreate_file('factorial.py')");
    expect(reasoning).toContain('```sh\npython3 factorial.py\n```');
    expect(text).toContain('factorial.py');
    for (const step of ['Running command:', 'Code executed in IPython cell.', 'create_file(']) {
      expect(text).not.toContain(step);
    }
    const annotations = parts.filter((part) => part.code === '8').flatMap((part) => part.value);
    expect(annotations).toContainEqual(
      expect.objectContaining({
        kind: 'robocoders',
        awaitingInput: true,
        finishReason: 'stop',
        sessionId: firstChatSid(emulator()),
      }),
    );
  });
});
