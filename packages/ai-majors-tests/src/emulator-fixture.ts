export { chatBodies, eventually, useEmulator } from 'robocoders-emulator/testing';

/** A prompt the scripted agents answer with real work (a plan, code, a command, a summary). */
export const TASK = 'Write a factorial function in Python';
