// Runs the example as a user would, offline against the emulator it starts itself, and checks
// that it streams an agent's answer and exits cleanly.
import { testTerminalExample } from 'terminal-kit/example-test';

testTerminalExample(new URL('./stream.mjs', import.meta.url));
