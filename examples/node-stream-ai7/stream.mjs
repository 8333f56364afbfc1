#!/usr/bin/env node
// Streams a Robocoders agent's answer in the terminal with ai 7 and the provider's `/v4` entry:
// the agent's reasoning dimmed, each step it takes (a provider-executed tool call) with its
// result, and its text as it arrives. Without ROBOCODERS_API_KEY (or ROBOCODERS_BASE_URL) it
// starts the local emulator, so it runs offline; with them it talks to that service.
//
//   pnpm --filter node-stream-ai7 start
//   pnpm --filter node-stream-ai7 start -- --agent RepoAgent "Add a factorial helper to utils.py"
//   ROBOCODERS_API_KEY=... pnpm --filter node-stream-ai7 start -- "Build a hello-world HTTP server"

import { streamText } from 'ai';
import { createRobocoders } from 'robocoders-ai-provider/v4';
import { colors, runTerminalExample, turnSummary } from 'terminal-kit';

/** @typedef {import('ai').StreamTextResult<import('ai').ToolSet, any, any>} Result */

/** The first line of a value, shortened for one terminal line. @param {unknown} value */
const oneLine = (value) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const [first = ''] = text.split('\n');
  return first.length > 100 ? `${first.slice(0, 99)}…` : first;
};

/** @type {'text' | 'other' | undefined} */
let last;
const newBlock = () => (last === 'text' ? '\n\n' : '');

await runTerminalExample({
  name: 'node-stream-ai7',
  tag: '(ai 7)',
  createModel: createRobocoders,
  streamText,
  // ai 7's full stream is `result.stream` (`fullStream` is deprecated). Typed, so that
  // `typecheck` (scripts/check-deprecated.mjs) sees every use of the result.
  /** @param {Result} result */
  parts: (result) => result.stream,
  printPart(part) {
    switch (part.type) {
      case 'reasoning-delta':
        process.stdout.write(colors.dim(`${newBlock()}${part.text}\n`));
        last = 'other';
        break;
      case 'tool-call':
        process.stdout.write(
          colors.cyan(`${newBlock()}▸ ${part.toolName} ${oneLine(part.input)}\n`),
        );
        last = 'other';
        break;
      case 'tool-result':
        process.stdout.write(
          colors.dim(`  ◂ ${oneLine(part.output?.content ?? '') || '(no output)'}\n`),
        );
        break;
      case 'tool-error':
        process.stdout.write(colors.red(`  ◂ ${oneLine(part.error)}\n`));
        break;
      case 'text-delta':
        process.stdout.write(last === 'other' ? part.text.replace(/^\n+/, '') : part.text);
        last = 'text';
        break;
      case 'abort':
        process.stderr.write(colors.dim('\n\n[aborted]\n'));
        break;
    }
  },
  /** @param {Result} result */
  async printEnd(result) {
    // ai 7 keeps the provider metadata on the result's final step.
    const metadata = (await result.finalStep).providerMetadata?.robocoders ?? {};
    process.stderr.write(turnSummary(await result.finishReason, metadata));
  },
});
