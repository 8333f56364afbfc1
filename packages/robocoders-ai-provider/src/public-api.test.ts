// Type tests of the public API: the `expectTypeOf` assertions and `@ts-expect-error` lines are
// checked by `tsc` (the `typecheck` script), the runtime assertions by vitest.
import type { LanguageModelV1 } from '@ai-sdk/provider';
import type { LanguageModelV2 } from '@ai-sdk/provider-v2';
import type { LanguageModelV3 } from '@ai-sdk/provider-v3';
import type { LanguageModelV4, ProviderV4 } from '@ai-sdk/provider-v4';
import { streamText } from 'ai';
import { createStorage, type Storage } from 'unstorage';
import packageJson from '../package.json' with { type: 'json' };
import {
  createMemoryStore,
  createRobocoders,
  type GetSessionCodeOptions,
  ROBOCODERS_AGENTS,
  type RobocodersAgentSteps,
  type RobocodersChatModelId,
  type RobocodersChatSettings,
  type RobocodersLogger,
  type RobocodersProvider,
  type RobocodersProviderMetadata,
  type RobocodersProviderOptions,
  type RobocodersProviderSettings,
  type RobocodersSessionCode,
  type RobocodersStore,
  type RobocodersUsage,
  robocoders,
  VERSION,
} from './index';
import * as v2 from './v2';
import * as v3 from './v3';
import * as v4 from './v4';

describe('public API types', () => {
  it('exports the agent names, and derives the model id type from them', () => {
    for (const entry of [{ ROBOCODERS_AGENTS }, v2, v3, v4]) {
      expect(entry.ROBOCODERS_AGENTS).toEqual(['GeneralCodingAgent', 'RepoAgent', 'FrontEndAgent']);
    }
    expectTypeOf(ROBOCODERS_AGENTS).toEqualTypeOf<
      readonly ['GeneralCodingAgent', 'RepoAgent', 'FrontEndAgent']
    >();
    expectTypeOf<(typeof ROBOCODERS_AGENTS)[number]>().toExtend<RobocodersChatModelId>();
    const models = ROBOCODERS_AGENTS.map((agent) => robocoders(agent).modelId);
    expect(models).toEqual([...ROBOCODERS_AGENTS]);
  });

  it('exports the package version from every entry', () => {
    expect(VERSION).toBe(packageJson.version);
    expect(v2.VERSION).toBe(VERSION);
    expect(v3.VERSION).toBe(VERSION);
    expect(v4.VERSION).toBe(VERSION);
    expectTypeOf(VERSION).toEqualTypeOf<string>();
  });

  it('offers the agent names for autocomplete and accepts any other string', () => {
    expectTypeOf<'GeneralCodingAgent'>().toExtend<RobocodersChatModelId>();
    expectTypeOf<'RepoAgent'>().toExtend<RobocodersChatModelId>();
    expectTypeOf<'FrontEndAgent'>().toExtend<RobocodersChatModelId>();
    expectTypeOf<'SomeFutureAgent'>().toExtend<RobocodersChatModelId>();
    // The literals survive in the union (a plain `string` would lose the autocomplete).
    expectTypeOf<RobocodersChatModelId>().not.toEqualTypeOf<string>();
    expectTypeOf<Extract<RobocodersChatModelId, 'RepoAgent'>>().toEqualTypeOf<'RepoAgent'>();

    expectTypeOf(robocoders).parameter(0).toEqualTypeOf<RobocodersChatModelId>();
    expectTypeOf(v2.robocoders).parameter(0).toEqualTypeOf<RobocodersChatModelId>();
    expectTypeOf(v3.robocoders).parameter(0).toEqualTypeOf<RobocodersChatModelId>();
    expectTypeOf(v4.robocoders).parameter(0).toEqualTypeOf<RobocodersChatModelId>();
    expect(robocoders('SomeFutureAgent').modelId).toBe('SomeFutureAgent');
  });

  it('returns the model type of each AI SDK major', () => {
    expectTypeOf(robocoders('RepoAgent')).toEqualTypeOf<LanguageModelV1>();
    expectTypeOf(robocoders.languageModel('RepoAgent')).toEqualTypeOf<LanguageModelV1>();
    expectTypeOf(v2.robocoders('RepoAgent')).toEqualTypeOf<LanguageModelV2>();
    expectTypeOf(v3.robocoders('RepoAgent')).toEqualTypeOf<LanguageModelV3>();
    expectTypeOf(v4.robocoders('RepoAgent')).toEqualTypeOf<LanguageModelV4>();
    // The V4 model and provider satisfy @ai-sdk/provider 4.0.38's LanguageModelV4 / ProviderV4.
    expectTypeOf<v4.RobocodersChatLanguageModelV4>().toExtend<LanguageModelV4>();
    expectTypeOf(v4.robocoders).toExtend<ProviderV4>();
    expectTypeOf(v4.robocoders.languageModel('RepoAgent')).toEqualTypeOf<LanguageModelV4>();
    expectTypeOf(createRobocoders).returns.toEqualTypeOf<RobocodersProvider>();
    expect(robocoders('RepoAgent').specificationVersion).toBe('v1');
    expect(v2.robocoders('RepoAgent').specificationVersion).toBe('v2');
    expect(v3.robocoders('RepoAgent').specificationVersion).toBe('v3');
    expect(v4.robocoders('RepoAgent').specificationVersion).toBe('v4');
    expect(v4.robocoders.specificationVersion).toBe('v4');
  });

  it('types the provider settings and the model settings', () => {
    expectTypeOf<keyof RobocodersProviderSettings>().toEqualTypeOf<
      | 'baseURL'
      | 'apiKey'
      | 'headers'
      | 'fetch'
      | 'store'
      | 'maxContinuations'
      | 'continuePrompt'
      | 'continueOnWait'
      | 'sessionFromHistory'
      | 'agentSteps'
      | 'idleTimeoutMs'
      | 'maxEventBytes'
      | 'conversationTtlSeconds'
      | 'logger'
    >();
    expectTypeOf<RobocodersProviderSettings['conversationTtlSeconds']>().toEqualTypeOf<
      number | undefined
    >();
    expectTypeOf(console).toExtend<NonNullable<RobocodersProviderSettings['logger']>>();
    expectTypeOf<RobocodersLogger>().toEqualTypeOf<{
      debug?: (message: string) => void;
      info?: (message: string) => void;
      warn?: (message: string) => void;
      error?: (message: string) => void;
    }>();
    expectTypeOf<RobocodersProviderSettings['baseURL']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RobocodersProviderSettings['headers']>().toEqualTypeOf<
      Record<string, string> | undefined
    >();
    expectTypeOf<RobocodersProviderSettings['store']>().toEqualTypeOf<
      RobocodersStore | undefined
    >();
    expectTypeOf<RobocodersProviderSettings['fetch']>().toEqualTypeOf<
      typeof globalThis.fetch | undefined
    >();
    expectTypeOf<RobocodersChatSettings>().toEqualTypeOf<{
      maxContinuations?: number;
      continuePrompt?: string;
      continueOnWait?: boolean;
      sessionFromHistory?: boolean;
      agentSteps?: 'text' | 'reasoning' | 'tools';
      idleTimeoutMs?: number;
      maxEventBytes?: number;
    }>();
    expectTypeOf<RobocodersAgentSteps>().toEqualTypeOf<'text' | 'reasoning' | 'tools'>();
    expectTypeOf(createRobocoders)
      .parameter(0)
      .toEqualTypeOf<RobocodersProviderSettings | undefined>();
    expectTypeOf(v3.createRobocoders)
      .parameter(0)
      .toEqualTypeOf<RobocodersProviderSettings | undefined>();
    expectTypeOf(v4.createRobocoders)
      .parameter(0)
      .toEqualTypeOf<RobocodersProviderSettings | undefined>();

    // Type-checked, never called: these would throw at run time.
    const typeErrors = () => {
      // @ts-expect-error maxContinuations is a number
      createRobocoders({ maxContinuations: '2' });
      // @ts-expect-error unknown setting
      createRobocoders({ baseUrl: 'http://127.0.0.1:4010' });
      // @ts-expect-error continuePrompt is a string
      robocoders('RepoAgent', { continuePrompt: 1 });
      // @ts-expect-error agentSteps is 'text', 'reasoning' or 'tools'
      robocoders('RepoAgent', { agentSteps: 'steps' });
      // @ts-expect-error continueOnWait is a boolean
      robocoders('RepoAgent', { continueOnWait: 'yes' });
    };
    expectTypeOf(typeErrors).returns.toBeVoid();
    expect(() => createRobocoders({ maxContinuations: -1 })).toThrow(/maxContinuations/);
    expect(() => robocoders('RepoAgent', { agentSteps: 'tools' })).toThrow(/agentSteps "tools"/);
    expect(() => v3.robocoders('RepoAgent', { agentSteps: 'tools' })).not.toThrow();
    expect(() => robocoders('RepoAgent', { sessionFromHistory: 1 as never })).toThrow(
      /sessionFromHistory must be true or false/,
    );
    expect(() => createRobocoders({ idleTimeoutMs: -1 })).toThrow(/idleTimeoutMs/);
    expect(() => robocoders('RepoAgent', { maxEventBytes: 1.5 })).toThrow(/maxEventBytes/);
    expect(() => createRobocoders({ conversationTtlSeconds: 1.5 })).toThrow(
      /conversationTtlSeconds must be an integer from 0/,
    );
    expect(() => createRobocoders({ logger: { warn: 'loud' as never } })).toThrow(
      /logger\.warn must be a function/,
    );
    expect(() => createRobocoders({ logger: console, conversationTtlSeconds: 0 })).not.toThrow();
  });

  it('types the provider options and fits them into providerOptions', () => {
    expectTypeOf<RobocodersProviderOptions>().toEqualTypeOf<{
      conversationId?: string;
      sessionId?: string;
      maxContinuations?: number;
      continuePrompt?: string;
      continueOnWait?: boolean;
      sessionFromHistory?: boolean;
      agentSteps?: 'text' | 'reasoning' | 'tools';
      idleTimeoutMs?: number;
      maxEventBytes?: number;
    }>();
    const options = {
      conversationId: 'chat-1',
      agentSteps: 'reasoning',
    } satisfies RobocodersProviderOptions;
    // Compiles: the options are plain JSON, as ai's `providerOptions` requires.
    const call = () =>
      streamText({
        model: robocoders('RepoAgent'),
        prompt: 'hi',
        providerOptions: { robocoders: options },
      });
    expectTypeOf(call).toBeFunction();
    // Checked by the typecheck: a number is no sessionId.
    expectTypeOf<{ sessionId: number }>().not.toExtend<RobocodersProviderOptions>();
  });

  it('accepts an unstorage Storage and the memory store as the store', () => {
    expectTypeOf<Storage>().toExtend<RobocodersStore>();
    expectTypeOf(createMemoryStore()).toEqualTypeOf<RobocodersStore>();
    const provider = createRobocoders({ store: createStorage() });
    expect(typeof provider).toBe('function');
  });

  it('types the provider metadata', () => {
    expectTypeOf<RobocodersProviderMetadata['sessionId']>().toEqualTypeOf<string>();
    expectTypeOf<RobocodersProviderMetadata['awaitingInput']>().toEqualTypeOf<boolean>();
    expectTypeOf<RobocodersProviderMetadata['continuations']>().toEqualTypeOf<number>();
    expectTypeOf<RobocodersProviderMetadata['rawFinishReason']>().toEqualTypeOf<string>();
    expectTypeOf<RobocodersProviderMetadata['costUsd']>().toEqualTypeOf<number | undefined>();
  });

  it('offers getSessionCode on the provider of every entry', () => {
    for (const provider of [robocoders, v2.robocoders, v3.robocoders, v4.robocoders]) {
      expectTypeOf(provider.getSessionCode).parameter(0).toEqualTypeOf<GetSessionCodeOptions>();
      expectTypeOf(provider.getSessionCode).returns.toEqualTypeOf<Promise<RobocodersSessionCode>>();
      expect(typeof provider.getSessionCode).toBe('function');
    }
    expectTypeOf<RobocodersSessionCode>().toEqualTypeOf<{ repoUrl: string }>();
    expectTypeOf<RobocodersUsage['inputTokens']>().toEqualTypeOf<number>();
    // Type-checked, never called.
    const typeErrors = () => {
      // @ts-expect-error githubUsername is required
      robocoders.getSessionCode({ sessionId: 's' });
    };
    expectTypeOf(typeErrors).returns.toBeVoid();
  });
});
