import { parseArgs } from 'node:util';
import type { EmulatorOptions } from './types.js';
import { EMULATOR_VERSION } from './version.js';

/** The CLI's usage text. */
export const USAGE = `robocoders-emulator ${EMULATOR_VERSION}
A local Robocoders-compatible server with scripted coding agents and faults on demand.

Usage: robocoders-emulator [options]

Options:
  --host <host>          interface to listen on (default 127.0.0.1)
  --port <port>          port to listen on, 0 for a free one (default 4010)
  --pace <ms>            pause between streamed events (default 150)
  --token-ttl <seconds>  lifetime of the tokens from /auth (default 3600)
  --step-budget <n>      agent steps per prompt before the agent pauses (default 25)
  --no-observations      stream agent actions only, like the public capture
  --no-openhands-envelope
                         stream only the agent's events, without the user echo, state
                         changes and null observations (streamed by default, as OpenHands does)
  --quiet                no access log
  -h, --help             show this help

Try it:
  curl -s http://127.0.0.1:4010/auth
  open http://127.0.0.1:4010/docs
`;

/** What the command line asks for. */
export type CliCommand =
  | { kind: 'help' }
  | { kind: 'serve'; options: EmulatorOptions; quiet: boolean };

/** Parses the command line; throws a `TypeError` naming the bad option. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      pace: { type: 'string' },
      'token-ttl': { type: 'string' },
      'step-budget': { type: 'string' },
      'no-observations': { type: 'boolean' },
      'openhands-envelope': { type: 'boolean' },
      'no-openhands-envelope': { type: 'boolean' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { kind: 'help' };
  return {
    kind: 'serve',
    quiet: values.quiet === true,
    options: {
      host: values.host ?? '127.0.0.1',
      port: integer('--port', values.port, 4010),
      paceMs: integer('--pace', values.pace, 150),
      tokenTtlSeconds: integer('--token-ttl', values['token-ttl'], 3600),
      stepBudget: integer('--step-budget', values['step-budget'], 25),
      observations: values['no-observations'] !== true,
      openHandsEnvelope: values['no-openhands-envelope'] !== true,
    },
  };
}

function integer(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value))
    throw new TypeError(`${flag} must be a non-negative integer, got '${value}'`);
  return Number(value);
}
