import { generateText, streamText } from 'ai';
import { chatBodies, providerFor, requestsTo, TASK, useEmulator } from './emulator-fixture';

describe('ai@4 streamText and generateText against the emulator', () => {
  const emulator = useEmulator();

  it('streams reasoning and text, then finishes with provider metadata', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const onFinish = vi.fn();
    const result = streamText({ model: robocoders('GeneralCodingAgent'), prompt: TASK, onFinish });
    const types = new Set<string>();
    let streamedText = '';
    let streamedReasoning = '';
    for await (const part of result.fullStream) {
      types.add(part.type);
      if (part.type === 'text-delta') streamedText += part.textDelta;
      if (part.type === 'reasoning') streamedReasoning += part.textDelta;
    }
    expect([...types]).toEqual(
      expect.arrayContaining(['step-start', 'reasoning', 'text-delta', 'step-finish', 'finish']),
    );
    expect(types.has('error')).toBe(false);
    expect(await result.text).toBe(streamedText);
    expect(await result.reasoning).toBe(streamedReasoning);
    expect(streamedText).toContain('factorial.py');
    expect(await result.finishReason).toBe('stop');

    const [body] = chatBodies(emulator());
    const metadata = (await result.providerMetadata)?.robocoders;
    expect(metadata).toMatchObject({
      sessionId: body.sid,
      agent: 'GeneralCodingAgent',
      continuations: 0,
      awaitingInput: true,
      skippedLines: 0,
    });
    expect(metadata?.lastEventId).toEqual(expect.any(Number));
    expect((await result.response).id).toBe(body.sid);
    expect((await result.response).modelId).toBe('GeneralCodingAgent');
    expect(body).toEqual({ sid: body.sid, prompt: TASK, agent: 'GeneralCodingAgent' });
    expect(emulator().session(body.sid)?.files['factorial.py']).toContain('def factorial');
    expect(onFinish).toHaveBeenCalledWith(
      expect.objectContaining({ finishReason: 'stop', text: streamedText }),
    );
  });

  it('returns the whole answer from generateText', async () => {
    const robocoders = providerFor(emulator());
    const result = await generateText({
      model: robocoders('RepoAgent'),
      system: 'You work on the starter repository.',
      messages: [{ role: 'user', content: 'Add a factorial helper to utils.py' }],
    });
    expect(result.text).toContain('utils.py');
    expect(result.reasoning).toEqual(expect.any(String));
    expect(result.finishReason).toBe('stop');
    expect(result.providerMetadata?.robocoders).toMatchObject({
      continuations: 0,
      awaitingInput: true,
    });
    const [first] = chatBodies(emulator());
    expect(first.prompt).toBe(
      'System: You work on the starter repository.\nUser: Add a factorial helper to utils.py\nAssistant:',
    );
    expect(result.request.body).toBe(JSON.stringify(first));
    expect(result.warnings).toEqual([]);
  });

  it('serves a data stream with reasoning for useChat', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const result = streamText({
      model: robocoders('FrontEndAgent'),
      prompt: 'build a counter component',
    });
    const response = result.toDataStreamResponse({ sendReasoning: true });
    expect(response.status).toBe(200);
    const body = await response.text();
    const codes = new Set(
      body
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(':')[0]),
    );
    for (const code of ['f', 'g', '0', 'e', 'd']) expect(codes.has(code), code).toBe(true);
    expect(codes.has('3')).toBe(false);
    expect(body).toContain('"finishReason":"stop"');
  });

  it('reports warnings for settings an agent cannot honour', async () => {
    const robocoders = providerFor(emulator(), { maxContinuations: 0 });
    const result = await generateText({
      model: robocoders('GeneralCodingAgent'),
      prompt: TASK,
      temperature: 0.7,
      maxTokens: 50,
    });
    expect(
      result.warnings?.map((warning) => warning.type === 'unsupported-setting' && warning.setting),
    ).toEqual(['maxTokens', 'temperature']);
    expect(requestsTo(emulator(), '/chat')).toHaveLength(1);
  });
});
