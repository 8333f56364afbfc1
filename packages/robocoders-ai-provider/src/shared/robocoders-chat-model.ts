import type { RobocodersChatConfig } from './create-model-factory';
import type { RobocodersModelContext } from './robocoders-call';
import type { RobocodersChatModelId, RobocodersChatSettings } from './robocoders-settings';

/** What every spec version's model holds: the agent, its settings and the provider's config. */
export abstract class RobocodersChatModelBase {
  constructor(
    readonly modelId: RobocodersChatModelId,
    /** @internal */
    protected readonly settings: RobocodersChatSettings,
    /** @internal */
    protected readonly config: RobocodersChatConfig,
  ) {}

  get provider(): string {
    return this.config.provider;
  }

  /**
   * The model as the shared call code takes it.
   *
   * @internal
   */
  protected get context(): RobocodersModelContext {
    return { modelId: this.modelId, settings: this.settings, config: this.config };
  }
}
