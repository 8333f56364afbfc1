#!/usr/bin/env node
// `pnpm example` / `pnpm --filter next-chat start` (`--dev`: next dev): the chat app with the
// emulator beside it; see example-support/run-with-emulator for the variables it honours.
import { fileURLToPath } from 'node:url';
import { runWithEmulator } from 'example-support/run-with-emulator';

await runWithEmulator({
  appDir: fileURLToPath(new URL('..', import.meta.url)),
  appName: 'next-chat',
  label: 'Chat app',
});
