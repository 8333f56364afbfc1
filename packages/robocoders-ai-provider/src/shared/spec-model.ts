import type { RobocodersUsage } from '../core/usage-accumulator';
import {
  collectRobocodersCall,
  type RobocodersCollectedCall,
  type RobocodersContent,
} from './collect-robocoders-call';
import {
  type RobocodersCall,
  type RobocodersCallOptions,
  startRobocodersCall,
} from './robocoders-call';
import { RobocodersChatModelBase } from './robocoders-chat-model';
import type { RobocodersAgentSteps } from './robocoders-settings';
import { mapStreamParts, type RobocodersStreamPart } from './robocoders-stream-parts';

/** The types of one spec version's calls, as {@link SpecAdapter} uses them. */
export interface SpecTypes {
  options: RobocodersCallOptions;
  warning: unknown;
  part: unknown;
  content: unknown;
  finishReason: unknown;
  usage: unknown;
}

/**
 * What tells the V2 and V3 models apart: which steps become tool calls, and how warnings,
 * stream parts and generate results are shaped. Everything else they share.
 */
export interface SpecAdapter<T extends SpecTypes> {
  warnings(options: T['options']): T['warning'][];
  /** The actions shown as provider-executed tool calls, given the call's `agentSteps`. */
  toolActions(options: T['options'], agentSteps: RobocodersAgentSteps): (action: string) => boolean;
  streamStart(warnings: T['warning'][]): T['part'];
  toPart(part: RobocodersStreamPart): T['part'];
  toContent(item: RobocodersContent): T['content'];
  finishReason(collected: RobocodersCollectedCall): T['finishReason'];
  /** The call's token counts in the spec's shape; unknown ones stay `undefined`. */
  usage(usage: RobocodersUsage | undefined): T['usage'];
}

/** The faults a call recovered from, as the `other` warning V2 and V3 share. */
function otherWarnings(call: RobocodersCall): Array<{ type: 'other'; message: string }> {
  return call.warnings.map((message) => ({ type: 'other', message }));
}

/**
 * A Robocoders agent as a model of the V2 or V3 spec: each call sends one prompt to an agent
 * session and streams the agent's work back, shaped by the subclass's {@link SpecAdapter}.
 */
export abstract class SpecModel<T extends SpecTypes> extends RobocodersChatModelBase {
  /** The agent takes text only: no URL is passed through. */
  readonly supportedUrls: Record<string, RegExp[]> = {};

  /** @internal */
  protected abstract readonly spec: SpecAdapter<T>;

  async doStream(options: T['options']) {
    const callWarnings = this.spec.warnings(options);
    const call = await startRobocodersCall(this.context, options, (agentSteps) =>
      this.spec.toolActions(options, agentSteps),
    );
    const warnings = [...callWarnings, ...otherWarnings(call)];
    const { spec } = this;
    const stream = call.stream.pipeThrough(
      mapStreamParts(call.toolActions, spec.toPart, spec.streamStart(warnings)),
    );
    return { stream, request: { body: call.request }, response: { headers: call.responseHeaders } };
  }

  /**
   * Runs the call to the end and returns its content in order. A stream that ends with an
   * error throws that error, so a broken answer is never returned as a success.
   */
  async doGenerate(options: T['options']) {
    const callWarnings = this.spec.warnings(options);
    const call = await startRobocodersCall(this.context, options, (agentSteps) =>
      this.spec.toolActions(options, agentSteps),
    );
    const warnings = [...callWarnings, ...otherWarnings(call)];
    const collected = await collectRobocodersCall(call.stream, call.toolActions);
    return {
      content: collected.content.map((item) => this.spec.toContent(item)),
      finishReason: this.spec.finishReason(collected),
      usage: this.spec.usage(collected.usage),
      providerMetadata: collected.providerMetadata,
      request: { body: call.request },
      response: { ...collected.response, headers: call.responseHeaders },
      warnings,
    };
  }
}
