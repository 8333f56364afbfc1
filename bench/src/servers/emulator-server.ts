import { startEmulator } from 'robocoders-emulator';
import { serveInChild } from '../server-process.js';

// No pacing: the benchmark measures the client, so the server must send as fast as it can.
// Room for the TTFT, requests-per-turn and 200-stream concurrency sessions of one run.
await serveInChild(() =>
  startEmulator({ host: '127.0.0.1', port: 0, paceMs: 0, maxSessions: 5_000 }),
);
