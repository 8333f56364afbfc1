// `robocoders-emulator/testing`: what a test suite of a Robocoders client needs around the
// emulator. The fixture needs vitest (an optional peer dependency); the rest does not.
export { chatBodies, requestsTo } from './request-log-views.js';
export { useEmulator } from './use-emulator.js';
export {
  EVENTUALLY_TIMEOUT_MS,
  eventually,
  type WaitForOptions,
  waitFor,
} from './wait.js';
