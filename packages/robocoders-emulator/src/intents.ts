import type { Topic } from './code-templates.js';

/** What a prompt asks for, as far as the scripted agents can tell. */
export type Intent =
  | { kind: 'vague' }
  | { kind: 'continue' }
  | { kind: 'bench'; count: number; bytes: number }
  | { kind: 'long-task'; steps: number }
  | { kind: 'tests' }
  | { kind: 'run' }
  | { kind: 'create'; topic: Topic; javascript: boolean; withTests: boolean };

/** Limits of the load mode, so a prompt cannot make the emulator stream forever. */
export const BENCH_LIMITS = { maxCount: 1_000_000, maxBytes: 1_000_000, defaultBytes: 16 } as const;

const LONG_TASK_DEFAULT_STEPS = 40;
const LONG_TASK_MAX_STEPS = 500;

const VAGUE =
  /^(help|hi|hello|hey|yo|ok|okay|test|please|something|anything|do it|do something|\?+)[\s!.?]*$/i;
const CONTINUE = /^(continue|go on|resume|keep going|proceed|carry on)[\s!.]*$/i;

/**
 * Classifies a prompt. Only the last paragraph counts when a client flattens a whole conversation
 * ("User: ...\nAssistant: ..."), because that is the new request.
 */
export function classifyPrompt(prompt: string): Intent {
  const request = lastRequest(prompt);
  if (request.length < 3 || VAGUE.test(request)) return { kind: 'vague' };
  if (CONTINUE.test(request)) return { kind: 'continue' };

  const bench = /^bench\s+(\d+)(?:\s+(\d+))?\s*$/i.exec(request);
  if (bench) {
    return {
      kind: 'bench',
      count: Math.min(Number(bench[1]), BENCH_LIMITS.maxCount),
      bytes: Math.min(Number(bench[2] ?? BENCH_LIMITS.defaultBytes), BENCH_LIMITS.maxBytes),
    };
  }
  const longTask = /\blong task(?:\s+(\d+))?\b/i.exec(request);
  if (longTask) {
    const steps = Number(longTask[1] ?? LONG_TASK_DEFAULT_STEPS);
    return { kind: 'long-task', steps: Math.max(1, Math.min(steps, LONG_TASK_MAX_STEPS)) };
  }

  const topic = topicOf(request);
  const withTests = /\btests?\b|\btesting\b|\bpytest\b|\bvitest\b/i.test(request);
  if (withTests && topic === 'generic') return { kind: 'tests' };
  if (
    /^(now )?(run|execute|try) (it|this|that|the (code|script|program|server))\b/i.test(request)
  ) {
    return { kind: 'run' };
  }
  const javascript = /\b(node(\.?js)?|javascript|js|typescript|ts|express)\b/i.test(request);
  return { kind: 'create', topic, javascript, withTests };
}

function lastRequest(prompt: string): string {
  const lines = prompt.split('\n');
  let start = -1;
  lines.forEach((line, i) => {
    if (/^\s*user:/i.test(line)) start = i;
  });
  const request = [];
  for (let i = Math.max(start, 0); i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    if (start >= 0 && i > start && /^\s*(assistant|system):/i.test(line)) break;
    request.push(line);
  }
  return request
    .join(' ')
    .replace(/^\s*user:\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The kind of program a request is about. */
export function topicOf(request: string): Topic {
  if (/factorial/i.test(request)) return 'factorial';
  if (/fibonacci|\bfib\b/i.test(request)) return 'fibonacci';
  if (/\b(http|web|api)[\s-]*server\b|\bserver\b.*\bhello\b|\bhello\b.*\bserver\b/i.test(request)) {
    return 'http-server';
  }
  if (/hello[\s,-]*world/i.test(request)) return 'hello-world';
  return 'generic';
}
