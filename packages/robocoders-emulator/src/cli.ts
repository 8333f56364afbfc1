import { parseCliArgs, USAGE } from './cli-args.js';
import { startEmulator } from './emulator-server.js';

async function main(): Promise<number> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const emulator = await startEmulator({
    ...command.options,
    log: command.quiet ? undefined : (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`Robocoders emulator listening on ${emulator.url}\n`);
  process.stdout.write(`  token page: ${emulator.url}/auth   docs: ${emulator.url}/docs\n`);

  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stdout.write(`Received ${signal}, shutting down\n`);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await emulator.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `robocoders-emulator: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
