import type { RunningEmulator } from 'robocoders-emulator';
import type { RobocodersProviderSettings } from '../../src/shared/robocoders-settings';
import { createRobocoders } from '../../src/v1/robocoders-provider';

export { chatBodies, eventually, requestsTo, useEmulator } from 'robocoders-emulator/testing';

/** A fresh provider (its own token and store) pointed at the emulator. */
export function providerFor(emulator: RunningEmulator, settings: RobocodersProviderSettings = {}) {
  return createRobocoders({ baseURL: emulator.url, ...settings });
}

/** A prompt the scripted agents answer with real work (files, commands, a summary). */
export const TASK = 'Write a factorial function in Python';
