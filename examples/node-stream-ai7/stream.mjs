#!/usr/bin/env node
// Streams a Robocoders agent's answer in the terminal with ai 7 and the provider's `/v3` entry:
// the agent's reasoning dimmed, each step it takes (a provider-executed tool call) with its
// result, and its text as it arrives. Without ROBOCODERS_API_KEY (or ROBOCODERS_BASE_URL) it
// starts the local emulator, so it runs offline; with them it talks to that service.
//
//   pnpm --filter node-stream-ai7 start
//   pnpm --filter node-stream-ai7 start -- --agent RepoAgent "Add a factorial helper to utils.py"
//   ROBOCODERS_API_KEY=... pnpm --filter node-stream-ai7 start -- "Build a hello-world HTTP server"

import { parseArgs } from 'node:util';
import { streamText } from 'ai';
import { createRobocoders } from 'robocoders-ai-provider/v3';
import { startEmulator } from 'robocoders-emulator';

// `pnpm start -- args` passes the `--` through; it is not a prompt.
const args = process.argv.slice(2);
if (args[0] === '--') args.shift();

const { values, positionals } = parseArgs({
  args,
  allowPositionals: true,
  options: {
    agent: { type: 'string', short: 'a', default: 'GeneralCodingAgent' },
    continuations: { type: 'string', short: 'c', default: '1' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    [
      'Usage: pnpm --filter node-stream-ai7 start -- [--agent NAME] [--continuations N] [prompt]',
      '',
      '  --agent, -a          GeneralCodingAgent (default), RepoAgent or FrontEndAgent',
      '  --continuations, -c  automatic "continue" prompts per call (default 1, 0 to turn off)',
      '',
      'Without ROBOCODERS_API_KEY or ROBOCODERS_BASE_URL a local emulator is started.',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

const prompt = positionals.join(' ') || 'Write a factorial function in Python with tests';
const useService = Boolean(process.env.ROBOCODERS_API_KEY || process.env.ROBOCODERS_BASE_URL);

const color = process.stdout.isTTY && !process.env.NO_COLOR;
/** @param {string} text */
const dim = (text) => (color ? `\x1b[2m${text}\x1b[22m` : text);
/** @param {string} text */
const cyan = (text) => (color ? `\x1b[36m${text}\x1b[39m` : text);
/** @param {string} text */
const red = (text) =>
  process.stderr.isTTY && !process.env.NO_COLOR ? `\x1b[31m${text}\x1b[39m` : text;

/** The first line of a value, shortened for one terminal line. @param {unknown} value */
const oneLine = (value) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const [first = ''] = text.split('\n');
  return first.length > 100 ? `${first.slice(0, 99)}…` : first;
};

// A visible pace between events, as a real agent has.
const emulator = useService ? undefined : await startEmulator({ paceMs: 60 });
const robocoders = createRobocoders({
  ...(emulator ? { baseURL: emulator.url } : {}),
  maxContinuations: Number(values.continuations),
});

// Ctrl-C stops the agent's stream and closes the connection instead of killing mid-write.
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());

process.stderr.write(
  dim(
    `${values.agent} @ ${emulator ? `local emulator ${emulator.url}` : 'Robocoders'} (ai 7)\n> ${prompt}\n\n`,
  ),
);

let exitCode = 0;
try {
  const result = streamText({
    model: robocoders(/** @type {string} */ (values.agent)),
    prompt,
    abortSignal: controller.signal,
  });

  /** @type {'text' | 'other' | undefined} */
  let last;
  const newBlock = () => (last === 'text' ? '\n\n' : '');
  for await (const part of result.fullStream) {
    switch (part.type) {
      case 'reasoning-delta':
        process.stdout.write(dim(`${newBlock()}${part.text}\n`));
        last = 'other';
        break;
      case 'tool-call':
        process.stdout.write(cyan(`${newBlock()}▸ ${part.toolName} ${oneLine(part.input)}\n`));
        last = 'other';
        break;
      case 'tool-result': {
        const output = /** @type {{ content?: string }} */ (part.output);
        process.stdout.write(dim(`  ◂ ${oneLine(output?.content ?? '') || '(no output)'}\n`));
        break;
      }
      case 'tool-error':
        process.stdout.write(red(`  ◂ ${oneLine(part.error)}\n`));
        break;
      case 'text-delta':
        process.stdout.write(last === 'other' ? part.text.replace(/^\n+/, '') : part.text);
        last = 'text';
        break;
      case 'error':
        process.stderr.write(
          red(
            `\n\nError: ${part.error instanceof Error ? part.error.message : String(part.error)}\n`,
          ),
        );
        exitCode = 1;
        break;
      case 'abort':
        process.stderr.write(dim('\n\n[aborted]\n'));
        break;
    }
  }
  if (!controller.signal.aborted) {
    const metadata = (await result.providerMetadata)?.robocoders ?? {};
    process.stderr.write(
      dim(
        `\n\n[${await result.finishReason}] session ${metadata.sessionId}, ` +
          `${metadata.continuations} continuation(s)` +
          `${metadata.awaitingInput ? ', the agent waits for your answer' : ''}\n`,
      ),
    );
  }
} catch (error) {
  if (controller.signal.aborted) {
    process.stderr.write(dim('\n\n[aborted]\n'));
  } else {
    process.stderr.write(
      red(`\n\nError: ${error instanceof Error ? error.message : String(error)}\n`),
    );
    exitCode = 1;
  }
} finally {
  await emulator?.close();
}
process.exitCode = exitCode;
