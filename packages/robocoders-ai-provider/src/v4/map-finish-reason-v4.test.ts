import type { RobocodersProviderMetadata } from '../shared/robocoders-provider-metadata';
import { mapFinishReasonV4 } from './map-finish-reason-v4';

const metadata = (overrides: Partial<RobocodersProviderMetadata>): RobocodersProviderMetadata => ({
  sessionId: 's',
  agent: 'GeneralCodingAgent',
  continuations: 0,
  awaitingInput: false,
  skippedLines: 0,
  lastEventId: 7,
  rawFinishReason: 'awaiting_user_input',
  ...overrides,
});

describe('mapFinishReasonV4', () => {
  it('keeps stop, length, error and other with the agent-level reason as raw', () => {
    expect(mapFinishReasonV4('stop', metadata({}))).toEqual({
      unified: 'stop',
      raw: 'awaiting_user_input',
    });
    expect(mapFinishReasonV4('length', metadata({ rawFinishReason: 'max_iterations' }))).toEqual({
      unified: 'length',
      raw: 'max_iterations',
    });
    expect(mapFinishReasonV4('error', metadata({ rawFinishReason: 'idle_timeout' }))).toEqual({
      unified: 'error',
      raw: 'idle_timeout',
    });
    expect(mapFinishReasonV4('other', metadata({ rawFinishReason: 'reject' }))).toEqual({
      unified: 'other',
      raw: 'reject',
    });
  });

  it('reports a stream that ended without a terminal event as interrupted, saying what was last seen', () => {
    expect(mapFinishReasonV4('unknown', metadata({ rawFinishReason: 'eof' }))).toEqual({
      unified: 'interrupted',
      raw: 'eof after event 7',
    });
    expect(
      mapFinishReasonV4('unknown', metadata({ rawFinishReason: 'eof', lastEventId: null })),
    ).toEqual({ unified: 'interrupted', raw: 'eof before any event' });
    expect(mapFinishReasonV4('unknown', undefined)).toEqual({
      unified: 'interrupted',
      raw: 'eof before any event',
    });
  });
});
