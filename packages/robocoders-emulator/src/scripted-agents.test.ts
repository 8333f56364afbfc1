import { describe, expect, it } from 'vitest';
import { startEmulator } from './emulator-server.js';
import { chatEvents, isWaitEvent, openSession, useEmulator } from './test-support.js';
import type {
  RobocodersActionEvent,
  RobocodersEvent,
  RobocodersObservationEvent,
  RunningEmulator,
} from './types.js';

const emulator = await useEmulator();
const { url } = emulator;

const actions = (events: RobocodersEvent[]) =>
  events.filter((e): e is RobocodersActionEvent => 'action' in e);
const observations = (events: RobocodersEvent[]) =>
  events.filter((e): e is RobocodersObservationEvent => 'observation' in e);
const actionNames = (events: RobocodersEvent[]) => actions(events).map((e) => e.action);

/** The invariants of every turn, whatever the agent. */
function expectWellFormedTurn(events: RobocodersEvent[], sid: string) {
  expect(events.length).toBeGreaterThan(0);
  const ids = events.map((e) => e.id);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
  expect(new Set(ids).size).toBe(ids.length);
  for (const event of events) {
    expect(event.sid).toBe(sid);
    expect(event.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
    expect(typeof event.message).toBe('string');
    expect(['agent', 'user', 'environment']).toContain(event.source);
  }
  const actionIds = new Set(actions(events).map((e) => e.id));
  for (const result of observations(events)) {
    if (result.cause !== undefined) expect(actionIds.has(result.cause)).toBe(true);
    expect(typeof result.content).toBe('string');
    expect(typeof result.extras).toBe('object');
  }
  const last = events.at(-1);
  expect(last && isWaitEvent(last)).toBe(true);
  expect(last && 'action' in last ? last.args.extras : undefined).toEqual({});
  // Only the last event waits for the user.
  expect(events.filter(isWaitEvent)).toHaveLength(1);
}

async function turn(prompt: string, agent?: string, target: RunningEmulator = emulator) {
  const { token, sid } = await openSession(target.url);
  const events = await chatEvents(target.url, token, { sid, prompt, agent });
  return { token, sid, events };
}

describe('GeneralCodingAgent', () => {
  it('delegates, writes the file with run_ipython, runs it and reports', async () => {
    const { sid, events } = await turn(
      'Write a factorial function in Python',
      'GeneralCodingAgent',
    );
    expectWellFormedTurn(events, sid);
    expect(actionNames(events)).toEqual(['delegate', 'run_ipython', 'run', 'message']);
    const [delegate, write, run] = actions(events);
    expect(delegate?.args).toMatchObject({
      agent: 'TaskPlannerAgent',
      inputs: { task: 'Write a factorial function in Python' },
    });
    expect(write?.args.code).toContain("create_file('factorial.py')");
    expect(write?.args.kernel_init_code).toBe('from agentskills import *');
    expect(typeof write?.args.thought).toBe('string');
    expect(run?.args.command).toBe('python3 factorial.py');
    const runResult = observations(events).find((o) => o.cause === run?.id);
    expect(runResult?.content).toContain('5! = 120');
    expect(runResult?.extras).toMatchObject({ exit_code: 0, command: 'python3 factorial.py' });
    expect(emulator.session(sid)?.files['factorial.py']).toContain('def factorial(n: int) -> int:');
  });

  it('writes a hello-world HTTP server and checks it with curl', async () => {
    const { sid, events } = await turn('build a hello world http server');
    expectWellFormedTurn(events, sid);
    expect(emulator.session(sid)?.files['server.py']).toContain('HTTPServer');
    const commands = actions(events)
      .filter((e) => e.action === 'run')
      .map((e) => e.args.command);
    expect(commands.some((c) => String(c).includes('curl'))).toBe(true);
    expect(observations(events).map((o) => o.content)).toContain('Hello, World!');
  });

  it('writes a Node.js server when asked for JavaScript', async () => {
    const { sid } = await turn('create a hello world web server in node.js');
    expect(Object.keys(emulator.session(sid)?.files ?? {})).toEqual(['server.js']);
  });

  it('writes fibonacci, and a generic scaffold for anything else', async () => {
    const fib = await turn('print the fibonacci sequence');
    expect(observations(fib.events).map((o) => o.content)).toContain(
      '[0, 1, 1, 2, 3, 5, 8, 13, 21, 34]',
    );
    const other = await turn('parse a CSV of invoices and total them per customer');
    expectWellFormedTurn(other.events, other.sid);
    expect(emulator.session(other.sid)?.files['main.py']).toContain(
      'parse a CSV of invoices and total them per customer',
    );
  });

  it('builds a follow-up on the files already written', async () => {
    const { token, sid } = await turn('write a factorial function');
    const events = await chatEvents(url, token, { sid, prompt: 'now add tests' });
    expectWellFormedTurn(events, sid);
    const view = emulator.session(sid);
    expect(Object.keys(view?.files ?? {})).toEqual(['factorial.py', 'test_factorial.py']);
    expect(view?.files['test_factorial.py']).toContain('from factorial import factorial');
    expect(view?.prompts).toEqual(['write a factorial function', 'now add tests']);
    const last = actions(events).at(-1);
    expect(last?.args.content).toContain('test_factorial.py');

    // Ids keep increasing across turns of the session.
    const again = await chatEvents(url, token, { sid, prompt: 'run it' });
    expect(again[0]?.id).toBeGreaterThan(events.at(-1)?.id ?? Number.POSITIVE_INFINITY);
  });

  it('asks a clarifying question for a vague prompt', async () => {
    for (const prompt of ['help', '  ', 'hi!']) {
      const { sid, events } = await turn(prompt);
      expectWellFormedTurn(events, sid);
      expect(events).toHaveLength(1);
      expect(String(actions(events)[0]?.args.content)).toMatch(/\?/);
    }
  });

  it('answers "continue" with nothing pending with a short final message', async () => {
    const { sid, events } = await turn('continue');
    expectWellFormedTurn(events, sid);
    expect(events).toHaveLength(1);
    expect(String(actions(events)[0]?.args.content)).toMatch(/Nothing is pending/);
  });

  it('reads only the last user turn of a flattened conversation', async () => {
    const prompt =
      'System: be brief\nUser: hello\nAssistant: Hi!\nUser: write a factorial function\nAssistant:';
    const { sid } = await turn(prompt);
    expect(Object.keys(emulator.session(sid)?.files ?? {})).toEqual(['factorial.py']);
  });

  it('includes non-ASCII text, as real agents do', async () => {
    const { events } = await turn('write a factorial function');
    expect(JSON.stringify(events)).toMatch(/[—é]/);
  });
});

describe('FrontEndAgent', () => {
  it('writes a React component and type-checks it', async () => {
    const { sid, events } = await turn('build a counter component', 'FrontEndAgent');
    expectWellFormedTurn(events, sid);
    expect(actionNames(events)).toEqual(['run', 'run_ipython', 'run', 'message']);
    const source = emulator.session(sid)?.files['src/components/Counter.tsx'];
    expect(source).toContain('export function Counter(');
    expect(source).toContain('useState');
    expect(String(actions(events).at(-1)?.args.content)).toContain('<Counter');
  });

  it('adds component tests as a follow-up', async () => {
    const { token, sid } = await turn('make a login form', 'FrontEndAgent');
    const events = await chatEvents(url, token, {
      sid,
      prompt: 'add tests',
      agent: 'FrontEndAgent',
    });
    expectWellFormedTurn(events, sid);
    expect(emulator.session(sid)?.files['src/components/LoginForm.test.tsx']).toContain(
      "import { LoginForm } from './LoginForm';",
    );
  });
});

describe('RepoAgent', () => {
  it('checks out the starter repo, reads, edits and runs the tests', async () => {
    const { sid, events } = await turn('add a factorial helper', 'RepoAgent');
    expectWellFormedTurn(events, sid);
    expect(actionNames(events)).toEqual([
      'run',
      'read',
      'read',
      'edit',
      'edit',
      'edit',
      'run',
      'message',
    ]);
    const reads = actions(events).filter((e) => e.action === 'read');
    expect(reads.map((e) => e.args.path)).toEqual(['README.md', 'utils.py']);
    const readResult = observations(events).find((o) => o.cause === reads[1]?.id);
    expect(readResult?.content).toContain('def clamp(');
    const edit = actions(events).find((e) => e.action === 'edit');
    expect(edit?.args).toMatchObject({ path: 'utils.py', command: 'str_replace' });
    const editResult = observations(events).find((o) => o.cause === edit?.id);
    expect(editResult?.extras.new_content).toContain('def factorial(');
    const files = emulator.session(sid)?.files ?? {};
    expect(files['utils.py']).toContain('def factorial(');
    expect(files['test_utils.py']).toContain('from utils import clamp, factorial');
    expect(observations(events).at(-1)?.content).toContain('2 passed');
  });

  it('edits the README for requests it cannot map to code', async () => {
    const { sid, events } = await turn('migrate the project to poetry', 'RepoAgent');
    expectWellFormedTurn(events, sid);
    expect(emulator.session(sid)?.files['README.md']).toContain('- migrate the project to poetry');
  });
});

describe('observations: false', () => {
  it('streams only actions, with ids that jump over the hidden observations', async () => {
    const quiet = await startEmulator({ openHandsEnvelope: false, observations: false });
    try {
      const { sid, events } = await turn('write a factorial function', undefined, quiet);
      expectWellFormedTurn(events, sid);
      expect(observations(events)).toEqual([]);
      const ids = events.map((e) => e.id);
      expect(ids.some((id, i) => i > 0 && id - (ids[i - 1] ?? 0) > 1)).toBe(true);
    } finally {
      await quiet.close();
    }
  });
});

describe('step budget', () => {
  it('pauses the OpenHands way and resumes on "continue" with a fresh budget', async () => {
    const small = await startEmulator({ openHandsEnvelope: false, stepBudget: 2 });
    try {
      const { token, sid, events } = await turn('write a factorial function', undefined, small);
      expect(actionNames(events)).toEqual(['delegate', 'run_ipython']);
      const [error, state] = events.slice(-2) as RobocodersObservationEvent[];
      expect(error?.observation).toBe('error');
      expect(error?.content).toMatch(/^Agent reached maximum iteration, task paused\. /);
      expect(state?.observation).toBe('agent_state_changed');
      expect(state?.extras.agent_state).toBe('paused');
      expect(events.some(isWaitEvent)).toBe(false);

      const resumed = await chatEvents(small.url, token, { sid, prompt: 'continue' });
      expect(actionNames(resumed)).toEqual(['run', 'message']);
      expectWellFormedTurn(resumed, sid);
      expect(resumed[0]?.id).toBeGreaterThan(events.at(-1)?.id ?? Number.POSITIVE_INFINITY);
    } finally {
      await small.close();
    }
  });

  it('pauses a long task under the default budget', async () => {
    const { token, sid, events } = await turn('long task 30');
    expect(actions(events)).toHaveLength(25);
    expect(observations(events).at(-1)?.extras.agent_state).toBe('paused');
    const resumed = await chatEvents(url, token, { sid, prompt: 'continue' });
    expectWellFormedTurn(resumed, sid);
    expect(actions(resumed)).toHaveLength(7);
  });

  it('resumes the paused steps before a new request', async () => {
    const small = await startEmulator({ openHandsEnvelope: false, stepBudget: 3 });
    try {
      const { token, sid } = await turn('write a factorial function', undefined, small);
      const next = await chatEvents(small.url, token, { sid, prompt: 'now add tests' });
      // The paused turn's last message and the new request's first steps.
      expect(actionNames(next)).toEqual(['message', 'run_ipython', 'run']);
      expect(Object.keys(small.session(sid)?.files ?? {})).toEqual([
        'factorial.py',
        'test_factorial.py',
      ]);
    } finally {
      await small.close();
    }
  });
});

describe('load mode', () => {
  it('streams "bench <count> <bytes>" messages and a final wait, ignoring the budget', async () => {
    const small = await startEmulator({ openHandsEnvelope: false, stepBudget: 2, paceMs: 10_000 });
    try {
      const { sid, events } = await turn('bench 50 100', undefined, small);
      expectWellFormedTurn(events, sid);
      expect(events).toHaveLength(51);
      for (const event of events.slice(0, -1)) {
        expect(event).toMatchObject({ action: 'message', args: { wait_for_response: false } });
        expect(String((event as RobocodersActionEvent).args.content)).toHaveLength(100);
      }
    } finally {
      await small.close();
    }
  });

  it('defaults to 16 characters', async () => {
    const { events } = await turn('bench 3');
    expect(String((events[0] as RobocodersActionEvent).args.content)).toHaveLength(16);
  });
});

describe('bounds', () => {
  it('drops the oldest session beyond maxSessions', async () => {
    const capped = await startEmulator({ openHandsEnvelope: false, maxSessions: 2 });
    try {
      const first = await openSession(capped.url);
      await openSession(capped.url);
      await openSession(capped.url);
      expect(capped.session(first.sid)).toBeUndefined();
      const response = await chatEvents(capped.url, first.token, {
        sid: first.sid,
        prompt: 'hi',
      }).catch((error: Error) => error.message);
      expect(response).toMatch(/404/);
    } finally {
      await capped.close();
    }
  });

  it('caps the per-session history, dropping the oldest events', async () => {
    const capped = await startEmulator({ openHandsEnvelope: false, maxEventsPerSession: 20 });
    try {
      const { sid, events } = await turn('bench 40', undefined, capped);
      const history = capped.session(sid)?.events ?? [];
      expect(history).toHaveLength(20);
      expect(history.at(-2)?.id).toBe(events.at(-1)?.id);
    } finally {
      await capped.close();
    }
  });
});
