'use client';

import type { DynamicToolUIPart } from 'ai';
import { Markdown } from './markdown';
import { StepIcon } from './step-icon';
import {
  fenced,
  isLongOutput,
  type StepState,
  stepInput,
  stepLabel,
  stepOutput,
  stepState,
} from './step-view';

const STATE_TEXT: Record<StepState, string> = {
  running: 'running',
  done: 'done',
  failed: 'failed',
  interrupted: 'stopped',
};

/** One of the agent's steps: icon and action, its input, its observation, its state. */
export function StepRow({ part, answering }: { part: DynamicToolUIPart; answering: boolean }) {
  const state = stepState(part, answering);
  const input = stepInput(part.toolName, part.input);
  const output = stepOutput(part);
  const outputText = output?.text.trimEnd() ?? '';
  const exit =
    output?.exitCode !== undefined && output.exitCode !== 0
      ? ` (exit code ${output.exitCode})`
      : '';
  return (
    <li className="step" data-tool={part.toolName} data-state={state}>
      <div className="step-head">
        <StepIcon toolName={part.toolName} />
        <span className="step-name">{stepLabel(part.toolName)}</span>
        {input.summary ? <span className="step-summary">{input.summary}</span> : null}
        <span className={`step-state step-state-${state}`}>
          {STATE_TEXT[state]}
          {exit}
        </span>
      </div>
      {input.code?.text ? (
        <div className="step-input">
          <Markdown text={fenced(input.code.text, input.code.language)} />
        </div>
      ) : null}
      {outputText ? (
        isLongOutput(outputText) ? (
          <details className="step-output">
            <summary>Output ({outputText.split('\n').length} lines)</summary>
            <pre className="step-output-text">{outputText}</pre>
          </details>
        ) : (
          <pre className="step-output-text">{outputText}</pre>
        )
      ) : null}
    </li>
  );
}
