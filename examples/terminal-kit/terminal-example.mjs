// The frame of the terminal examples: command-line arguments, colours, the local emulator when
// no service is configured, Ctrl-C, errors and the exit code. Each example only prints the
// stream of its own ai version.

import { parseArgs } from 'node:util';
import { startEmulator } from 'robocoders-emulator';

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const errorColor = process.stderr.isTTY && !process.env.NO_COLOR;

/** Terminal colours, plain text when the output is not a terminal or NO_COLOR is set. */
export const colors = {
  /** @param {string} text */
  dim: (text) => (color ? `\x1b[2m${text}\x1b[22m` : text),
  /** @param {string} text */
  cyan: (text) => (color ? `\x1b[36m${text}\x1b[39m` : text),
  /** @param {string} text */
  red: (text) => (errorColor ? `\x1b[31m${text}\x1b[39m` : text),
};

/** @param {unknown} error */
export const errorText = (error) => (error instanceof Error ? error.message : String(error));

/**
 * @typedef {object} TerminalExample
 * @property {string} name the package name, for the usage line
 * @property {string} [tag] shown after the endpoint in the header, e.g. "(ai 7)"
 * @property {(settings: { baseURL?: string, maxContinuations: number }) => (agent: string) => any} createModel
 * @property {(options: { model: any, prompt: string, abortSignal: AbortSignal }) => any} streamText
 *   ai's `streamText`
 * @property {(result: any) => AsyncIterable<any>} [parts] the result's full stream: by default
 *   `fullStream` (ai 4 to 6); ai 7 names it `stream`
 * @property {(part: any) => void} printPart prints one part of the full stream (errors aside)
 * @property {(result: any) => Promise<void>} [printEnd] prints how the turn ended, if the
 *   parts do not say it
 */

/**
 * Runs a terminal example: parses `[--agent NAME] [--continuations N] [prompt]`, starts the
 * emulator without ROBOCODERS_API_KEY or ROBOCODERS_BASE_URL, lets `print` stream the answer,
 * and sets the exit code (1 on an error, 0 when aborted with Ctrl-C).
 *
 * @param {TerminalExample} example
 */
export async function runTerminalExample({
  name,
  tag,
  createModel,
  streamText,
  printPart,
  printEnd,
  parts = (result) => result.fullStream,
}) {
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
        `Usage: pnpm --filter ${name} start -- [--agent NAME] [--continuations N] [prompt]`,
        '',
        '  --agent, -a          GeneralCodingAgent (default), RepoAgent or FrontEndAgent',
        '  --continuations, -c  automatic "continue" prompts per call (default 1, 0 to turn off)',
        '',
        'Without ROBOCODERS_API_KEY or ROBOCODERS_BASE_URL a local emulator is started.',
        '',
      ].join('\n'),
    );
    return;
  }

  const prompt = positionals.join(' ') || 'Write a factorial function in Python with tests';
  const useService = Boolean(process.env.ROBOCODERS_API_KEY || process.env.ROBOCODERS_BASE_URL);

  // A visible pace between events, as a real agent has.
  const emulator = useService ? undefined : await startEmulator({ paceMs: 60 });
  const model = createModel({
    ...(emulator ? { baseURL: emulator.url } : {}),
    maxContinuations: Number(values.continuations),
  });

  // Ctrl-C stops the agent's stream and closes the connection instead of killing mid-write.
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());

  const where = emulator ? `local emulator ${emulator.url}` : 'Robocoders';
  process.stderr.write(
    colors.dim(`${values.agent} @ ${where}${tag ? ` ${tag}` : ''}\n> ${prompt}\n\n`),
  );

  let exitCode = 0;
  try {
    const result = streamText({
      model: model(/** @type {string} */ (values.agent)),
      prompt,
      abortSignal: controller.signal,
    });
    for await (const part of parts(result)) {
      if (part.type === 'error') {
        process.stderr.write(colors.red(`\n\nError: ${errorText(part.error)}\n`));
        exitCode = 1;
      } else printPart(part);
    }
    if (!controller.signal.aborted) await printEnd?.(result);
  } catch (error) {
    if (controller.signal.aborted) {
      process.stderr.write(colors.dim('\n\n[aborted]\n'));
    } else {
      process.stderr.write(colors.red(`\n\nError: ${errorText(error)}\n`));
      exitCode = 1;
    }
  } finally {
    await emulator?.close();
  }
  process.exitCode = exitCode;
}

/**
 * The last line of a turn: finish reason, session, continuations, whether the agent waits.
 *
 * @param {unknown} finishReason
 * @param {{ sessionId?: unknown, continuations?: unknown, awaitingInput?: unknown }} metadata
 */
export function turnSummary(finishReason, metadata) {
  return colors.dim(
    `\n\n[${finishReason}] session ${metadata.sessionId}, ` +
      `${metadata.continuations} continuation(s)` +
      `${metadata.awaitingInput ? ', the agent waits for your answer' : ''}\n`,
  );
}
