/** The parts of a V8 `.cpuprofile` (as written by `node --cpu-prof`) that are summarized. */
export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
    hitCount?: number;
  }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** A time window in the profile's clock (µs, the same clock as `process.hrtime`). */
export interface ProfileWindow {
  startUs: number;
  endUs: number;
}

/** Sample counts per node id, only for samples taken inside `window`. */
function hitsInWindow(profile: CpuProfile, window: ProfileWindow): Map<number, number> | undefined {
  const { samples, timeDeltas } = profile;
  if (!samples || !timeDeltas || samples.length !== timeDeltas.length) return undefined;
  const hits = new Map<number, number>();
  let at = profile.startTime;
  let counted = 0;
  for (let i = 0; i < samples.length; i += 1) {
    at += timeDeltas[i] as number;
    if (at < window.startUs || at > window.endUs) continue;
    const id = samples[i] as number;
    hits.set(id, (hits.get(id) ?? 0) + 1);
    counted += 1;
  }
  return counted > 0 ? hits : undefined;
}

/** Maps a generated position (0-based) to its source, e.g. through a source map. */
export type PositionResolver = (
  url: string,
  line: number,
  column: number,
) => { source: string; line: number } | undefined;

export interface ProfileFrame {
  functionName: string;
  area: string;
  location: string;
  selfMs: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  frames: ProfileFrame[];
  areas: { area: string; selfMs: number; share: number }[];
}

/** Which package (or runtime part) a frame belongs to. */
export function areaOf(functionName: string, url: string): string {
  if (functionName === '(garbage collector)') return 'V8 garbage collector';
  if (functionName === '(program)' || functionName === '(root)') return 'V8 (program)';
  if (url.includes('/packages/robocoders-ai-provider/')) return 'robocoders-ai-provider';
  if (url.includes('/packages/robocoders-emulator/')) return 'robocoders-emulator';
  if (url.includes('/bench/dist/')) return 'bench harness';
  const packages = [...url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/.][^/]*)\//g)];
  const last = packages.at(-1)?.[1];
  if (last) return last;
  if (url.startsWith('node:internal/deps/undici')) return 'undici (Node fetch)';
  if (url.startsWith('node:internal/webstreams')) return 'Node web streams';
  if (url.startsWith('node:')) return 'Node.js internals';
  if (url === '') return 'V8/Node natives (JSON.parse, TextDecoder, microtasks...)';
  return 'other';
}

function shortLocation(url: string, line: number): string {
  const path = url.replace(/^file:\/\//, '');
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+\/.*)$/.exec(path)?.[1];
  const inWorkspace = /\/(packages\/.*|bench\/.*)$/.exec(path)?.[1];
  return `${inPackage ?? inWorkspace ?? (path || 'native')}:${line + 1}`;
}

/**
 * Self time per function (merged across call sites) and per area, from sample counts, only
 * within `window` when given (so module loading and warm-up are left out). Idle time is left
 * out too, so shares are of the time the process was busy.
 */
export function summarizeProfile(
  profile: CpuProfile,
  resolve?: PositionResolver,
  top = 12,
  window?: ProfileWindow,
): ProfileSummary {
  const windowed = window ? hitsInWindow(profile, window) : undefined;
  const hitsOf = (node: CpuProfile['nodes'][number]) =>
    windowed ? (windowed.get(node.id) ?? 0) : (node.hitCount ?? 0);
  const totalSamples = profile.nodes.reduce((sum, node) => sum + hitsOf(node), 0);
  const spanUs =
    windowed && window
      ? Math.min(window.endUs, profile.endTime) - Math.max(window.startUs, profile.startTime)
      : profile.endTime - profile.startTime;
  const msPerSample = totalSamples > 0 ? spanUs / 1000 / totalSamples : 0;
  const frames = new Map<string, ProfileFrame>();
  const areas = new Map<string, number>();
  let busyMs = 0;
  for (const node of profile.nodes) {
    const hits = hitsOf(node);
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    if (hits === 0 || functionName === '(idle)') continue;
    const selfMs = hits * msPerSample;
    busyMs += selfMs;
    const area = areaOf(functionName, url);
    areas.set(area, (areas.get(area) ?? 0) + selfMs);
    const mapped = url ? resolve?.(url, lineNumber, columnNumber) : undefined;
    const location = mapped
      ? `${mapped.source}:${mapped.line + 1}`
      : shortLocation(url, lineNumber);
    const name = functionName || '(anonymous)';
    const key = `${name}@${location}`;
    const frame = frames.get(key);
    if (frame) frame.selfMs += selfMs;
    else frames.set(key, { functionName: name, area, location, selfMs, share: 0 });
  }
  const share = (ms: number) => (busyMs > 0 ? ms / busyMs : 0);
  return {
    totalMs: busyMs,
    frames: [...frames.values()]
      .sort((a, b) => b.selfMs - a.selfMs)
      .slice(0, top)
      .map((frame) => ({ ...frame, share: share(frame.selfMs) })),
    areas: [...areas.entries()]
      .map(([area, selfMs]) => ({ area, selfMs, share: share(selfMs) }))
      .sort((a, b) => b.selfMs - a.selfMs),
  };
}
