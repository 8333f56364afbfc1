#!/usr/bin/env node
// Streams a Robocoders agent's answer in the terminal: the agent's reasoning dimmed, its text
// as it arrives. Without ROBOCODERS_API_KEY (or ROBOCODERS_BASE_URL) it starts the local
// emulator, so it runs offline; with them it talks to that service.
//
//   pnpm --filter node-stream start
//   pnpm --filter node-stream start -- --agent RepoAgent "Add a factorial helper to utils.py"
//   ROBOCODERS_API_KEY=... pnpm --filter node-stream start -- "Build a hello-world HTTP server"

import { streamText } from 'ai';
import { createRobocoders } from 'robocoders-ai-provider';
import { colors, runTerminalExample, turnSummary } from 'terminal-kit';

/** @type {'text' | 'reasoning' | undefined} */
let last;

await runTerminalExample({
  name: 'node-stream',
  createModel: createRobocoders,
  streamText,
  printPart(part) {
    switch (part.type) {
      case 'reasoning':
        process.stdout.write(colors.dim(`${last === 'text' ? '\n\n' : ''}${part.textDelta}\n`));
        last = 'reasoning';
        break;
      case 'text-delta':
        process.stdout.write(
          last === 'reasoning' ? part.textDelta.replace(/^\n+/, '') : part.textDelta,
        );
        last = 'text';
        break;
      case 'finish':
        process.stderr.write(
          turnSummary(part.finishReason, part.providerMetadata?.robocoders ?? {}),
        );
        break;
    }
  },
});
