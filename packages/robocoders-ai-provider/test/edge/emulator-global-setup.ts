import { type RunningEmulator, startEmulator } from 'robocoders-emulator';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the emulator the edge project's tests talk to. */
    emulatorUrl: string;
  }
}

/**
 * Starts the emulator in the Node process that runs vitest: the edge runtime has no server APIs,
 * but its `fetch` reaches 127.0.0.1 like any client of the hosted service.
 */
let emulator: RunningEmulator | undefined;

export async function setup(project: TestProject): Promise<void> {
  emulator = await startEmulator({ port: 0, paceMs: 0, stepBudget: 6 });
  project.provide('emulatorUrl', emulator.url);
}

export async function teardown(): Promise<void> {
  await emulator?.close();
}
