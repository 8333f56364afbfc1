#!/usr/bin/env node
// `pnpm example:agent` / `pnpm --filter next-agent start` (`--dev`: next dev): the agent app with
// the emulator beside it; see example-support/run-with-emulator for the variables it honours.
import { fileURLToPath } from 'node:url';
import { runWithEmulator } from 'example-support/run-with-emulator';

await runWithEmulator({
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  appName: 'next-agent',
  label: 'Agent app',
});
