import type { LanguageModelV4CallOptions } from '@ai-sdk/provider-v4';
import { callWarningsV4 } from './call-warnings-v4';

const prompt: LanguageModelV4CallOptions['prompt'] = [
  { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
];

describe('callWarningsV4', () => {
  it('warns of nothing for a plain call, the provider-default reasoning and an auto tool choice', () => {
    expect(callWarningsV4({ prompt })).toEqual([]);
    expect(
      callWarningsV4({ prompt, reasoning: 'provider-default', toolChoice: { type: 'auto' } }),
    ).toEqual([]);
  });

  it('reports every ignored setting as unsupported, with details', () => {
    const warnings = callWarningsV4({
      prompt,
      maxOutputTokens: 10,
      temperature: 0.2,
      topP: 0.9,
      topK: 3,
      presencePenalty: 1,
      frequencyPenalty: 1,
      seed: 4,
      stopSequences: ['x'],
      responseFormat: { type: 'json' },
      reasoning: 'high',
      toolChoice: { type: 'tool', toolName: 'weather' },
      tools: [
        { type: 'function', name: 'weather', inputSchema: { type: 'object' } },
        { type: 'function', name: 'run', inputSchema: { type: 'object' } },
      ],
    });
    expect(warnings.map((warning) => warning.type === 'unsupported' && warning.feature)).toEqual([
      'maxOutputTokens',
      'temperature',
      'topP',
      'topK',
      'presencePenalty',
      'frequencyPenalty',
      'seed',
      'stopSequences',
      'responseFormat',
      // `run` is the agent's own tool: no warning.
      'tool "weather"',
      'reasoning',
      'toolChoice',
    ]);
    for (const warning of warnings) {
      expect(warning).toMatchObject({ type: 'unsupported', details: expect.any(String) });
    }
    expect(
      warnings.find((warning) => 'feature' in warning && warning.feature === 'reasoning'),
    ).toMatchObject({ details: expect.stringContaining("reasoning: 'high' is ignored") });
  });

  it('reports reasoning: none too (the agent still thinks) and a required tool choice', () => {
    expect(callWarningsV4({ prompt, reasoning: 'none', toolChoice: { type: 'required' } })).toEqual(
      [
        { type: 'unsupported', feature: 'reasoning', details: expect.any(String) },
        { type: 'unsupported', feature: 'toolChoice', details: expect.any(String) },
      ],
    );
  });
});
