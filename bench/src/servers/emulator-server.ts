import { startEmulator } from 'robocoders-emulator';
import { serveInChild } from '../server-process.js';

/**
 * Session history kept per session. The benchmark never reads it, and with the default cap
 * (2,000) every event of a longer stream pays for trimming a full history array, which halves
 * the emulator's speed (see README.md, "Findings").
 */
const BENCH_HISTORY_CAP = 100;

// No pacing: the benchmark measures the client, so the server must send as fast as it can.
// Room for the TTFT, requests-per-turn and 200-stream concurrency sessions of one run.
await serveInChild(() =>
  startEmulator({
    host: '127.0.0.1',
    port: 0,
    paceMs: 0,
    maxSessions: 5_000,
    maxEventsPerSession: BENCH_HISTORY_CAP,
  }),
);
