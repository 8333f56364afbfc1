export { startEmulator } from './emulator-server.js';
export type {
  AgentName,
  EmulatorOptions,
  EmulatorSessionView,
  FaultBehaviour,
  FaultEndpoint,
  FaultKind,
  FaultSpec,
  RequestLogEntry,
  RobocodersActionEvent,
  RobocodersEvent,
  RobocodersObservationEvent,
  RunningEmulator,
} from './types.js';
export { AGENT_NAMES } from './types.js';
