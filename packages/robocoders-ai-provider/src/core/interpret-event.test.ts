import { isToolAction } from './agent-actions';
import { type EventContext, type EventReading, interpretEvent } from './interpret-event';
import type { RobocodersEvent } from './robocoders-event';

const context = (overrides: Partial<EventContext> = {}): EventContext => ({
  position: 7,
  toolActionIds: new Set(),
  stepActionIds: new Set(),
  toolActions: () => false,
  stepsAsReasoning: false,
  includeRawEvents: false,
  ...overrides,
});

const RUN = {
  id: 3,
  source: 'agent',
  action: 'run',
  message: 'Running command: ls',
  args: { command: 'ls', thought: 'Look around first.' },
};
const RUN_OUTPUT = {
  id: 4,
  source: 'agent',
  observation: 'run',
  cause: 3,
  content: 'main.py',
  message: 'Command `ls` executed with exit code 0.',
  extras: { exit_code: 0 },
};
const runAction = {
  type: 'action',
  id: '3',
  action: 'run',
  args: { command: 'ls', thought: 'Look around first.' },
} as const;
const runObservation = {
  type: 'observation',
  id: '4',
  causeId: '3',
  observation: 'run',
  content: 'main.py',
  extras: { exit_code: 0 },
  isError: false,
} as const;
const stateChange = (agent_state: string, extras: Record<string, unknown> = {}) => ({
  id: 9,
  source: 'environment',
  observation: 'agent_state_changed',
  message: `Agent state changed to ${agent_state}`,
  extras: { agent_state, ...extras },
});

const CASES: Array<{
  name: string;
  event: RobocodersEvent;
  context?: Partial<EventContext>;
  reading: EventReading;
}> = [
  {
    name: 'an agent message is text',
    event: { id: 1, source: 'agent', action: 'message', args: { content: 'Hello' } },
    reading: { eventId: 1, outputs: [{ type: 'text', text: 'Hello' }], endsTurn: false },
  },
  {
    name: 'a message waiting for the user stops reading',
    event: {
      id: 2,
      source: 'agent',
      action: 'message',
      args: { content: 'Which file?', wait_for_response: true },
    },
    reading: {
      eventId: 2,
      outputs: [{ type: 'text', text: 'Which file?' }],
      end: { type: 'waiting' },
      endsTurn: true,
    },
  },
  {
    name: 'the user echo adds nothing',
    event: { id: 1, source: 'user', action: 'message', args: { content: 'Do it' } },
    reading: { eventId: 1, outputs: [], endsTurn: false },
  },
  {
    name: 'a step: its thought as reasoning, the action part, its summary as text',
    event: RUN,
    reading: {
      eventId: 3,
      action: { id: '3', step: true, tool: false },
      outputs: [
        { type: 'reasoning', text: 'Look around first.' },
        runAction,
        { type: 'text', text: 'Running command: ls' },
      ],
      endsTurn: false,
    },
  },
  {
    name: 'a step with stepsAsReasoning: its command as a code block in the reasoning',
    event: RUN,
    context: { stepsAsReasoning: true },
    reading: {
      eventId: 3,
      action: { id: '3', step: true, tool: false },
      outputs: [
        { type: 'reasoning', text: 'Look around first.' },
        runAction,
        { type: 'reasoning', text: '```sh\nls\n```' },
      ],
      endsTurn: false,
    },
  },
  {
    name: 'a step shown as a tool call adds no text',
    event: RUN,
    context: { toolActions: isToolAction, stepsAsReasoning: true },
    reading: {
      eventId: 3,
      action: { id: '3', step: true, tool: true },
      outputs: [{ type: 'reasoning', text: 'Look around first.' }, runAction],
      endsTurn: false,
    },
  },
  {
    name: 'the observation of a step: the observation part and its text',
    event: RUN_OUTPUT,
    context: { stepActionIds: new Set(['3']) },
    reading: {
      eventId: 4,
      outputs: [runObservation, { type: 'text', text: 'Command `ls` executed with exit code 0.' }],
      endsTurn: false,
    },
  },
  {
    name: 'the observation of a tool call adds no text',
    event: RUN_OUTPUT,
    context: { stepActionIds: new Set(['3']), toolActionIds: new Set(['3']) },
    reading: { eventId: 4, outputs: [runObservation], endsTurn: false },
  },
  {
    name: 'a failed command is an error observation',
    event: { ...RUN_OUTPUT, message: undefined, extras: { metadata: { exit_code: 2 } } },
    reading: {
      eventId: 4,
      outputs: [{ ...runObservation, extras: { metadata: { exit_code: 2 } }, isError: true }],
      endsTurn: false,
    },
  },
  {
    name: 'an action without an id takes its position as id',
    event: { source: 'agent', action: 'edit', args: { path: 'a.py' } },
    reading: {
      eventId: undefined,
      action: { id: '7', step: true, tool: false },
      outputs: [{ type: 'action', id: '7', action: 'edit', args: { path: 'a.py' } }],
      endsTurn: false,
    },
  },
  {
    name: 'finish ends the turn with stop, without waiting',
    event: { id: 5, source: 'agent', action: 'finish', args: {} },
    reading: {
      eventId: 5,
      action: { id: '5', step: false, tool: false },
      outputs: [{ type: 'action', id: '5', action: 'finish', args: {} }],
      end: { type: 'finished', finishReason: 'stop', raw: 'finish' },
      endsTurn: true,
    },
  },
  {
    name: 'a rejected state ends the turn with other',
    event: stateChange('rejected'),
    reading: {
      eventId: 9,
      outputs: [
        {
          type: 'observation',
          id: '9',
          causeId: undefined,
          observation: 'agent_state_changed',
          content: '',
          extras: { agent_state: 'rejected' },
          isError: false,
        },
      ],
      end: { type: 'finished', finishReason: 'other', raw: 'rejected' },
      endsTurn: false,
    },
  },
  {
    name: 'a paused state pauses the turn and stops reading',
    event: stateChange('paused'),
    reading: expect.objectContaining({ end: { type: 'paused' }, endsTurn: true }),
  },
  {
    name: 'an error state is an agent error with its reason',
    event: stateChange('error', { reason: 'out of memory' }),
    reading: expect.objectContaining({ end: { type: 'agent-error', message: 'out of memory' } }),
  },
  {
    name: 'the step budget error pauses the turn and stops the read, adding no text',
    event: {
      id: 8,
      source: 'agent',
      observation: 'error',
      content: 'Agent reached maximum iteration in headless mode.',
    },
    reading: {
      eventId: 8,
      outputs: [
        {
          type: 'observation',
          id: '8',
          causeId: undefined,
          observation: 'error',
          content: 'Agent reached maximum iteration in headless mode.',
          extras: {},
          isError: true,
        },
      ],
      end: { type: 'paused' },
      endsTurn: true,
    },
  },

  // Shaped like OpenHands' event_to_dict output: what a real stream carries besides the agent.
  {
    name: 'the user echo adds no text and does not stop the read',
    event: {
      id: 3,
      timestamp: '2026-12-02T08:00:00.000001',
      source: 'user',
      message: 'write a factorial function',
      action: 'message',
      args: { content: 'write a factorial function', image_urls: null, wait_for_response: false },
    },
    reading: { eventId: 3, outputs: [], endsTurn: false },
  },
  {
    name: 'a null observation ("No observation") adds no text',
    event: {
      id: 4,
      timestamp: '2026-12-02T08:00:00.000002',
      source: 'user',
      message: 'No observation',
      cause: 3,
      observation: 'null',
      content: '',
      extras: {},
    },
    reading: {
      eventId: 4,
      outputs: [
        {
          type: 'observation',
          id: '4',
          causeId: '3',
          observation: 'null',
          content: '',
          extras: {},
          isError: false,
        },
      ],
      endsTurn: false,
    },
  },
  {
    name: 'an agent-source null observation adds no text either',
    event: { id: 4, source: 'agent', message: 'No observation', observation: 'null', content: '' },
    reading: expect.objectContaining({
      outputs: [expect.objectContaining({ type: 'observation' })],
    }),
  },
  {
    name: 'a change_agent_state action of the environment adds no text',
    event: {
      id: 1,
      source: 'environment',
      message: 'Agent state changed to init',
      action: 'change_agent_state',
      args: { agent_state: 'init', thought: '' },
    },
    reading: {
      eventId: 1,
      action: { id: '1', step: false, tool: false },
      outputs: [
        {
          type: 'action',
          id: '1',
          action: 'change_agent_state',
          args: { agent_state: 'init', thought: '' },
        },
      ],
      endsTurn: false,
    },
  },
  {
    name: 'an environment state change (running, awaiting_user_input) adds no text',
    event: stateChange('awaiting_user_input'),
    reading: {
      eventId: 9,
      outputs: [
        {
          type: 'observation',
          id: '9',
          causeId: undefined,
          observation: 'agent_state_changed',
          content: '',
          extras: { agent_state: 'awaiting_user_input' },
          isError: false,
        },
      ],
      endsTurn: false,
    },
  },
  {
    name: 'an environment event adds no text whatever its message says',
    event: {
      id: 2,
      source: 'environment',
      message: 'Setting up the runtime…',
      action: 'message',
      args: { content: 'x' },
    },
    reading: { eventId: 2, outputs: [], endsTurn: false },
  },
  {
    name: 'finish speaks its final_thought; its thought stays reasoning',
    event: {
      id: 12,
      source: 'agent',
      message: 'Checked the tests.',
      action: 'finish',
      args: {
        final_thought: 'factorial.py is written and tested.',
        task_completed: 'true',
        outputs: {},
        thought: 'Checked the tests.',
      },
    },
    reading: expect.objectContaining({
      outputs: [
        { type: 'reasoning', text: 'Checked the tests.' },
        expect.objectContaining({ type: 'action', action: 'finish' }),
        { type: 'text', text: 'factorial.py is written and tested.' },
      ],
      end: { type: 'finished', finishReason: 'stop', raw: 'finish' },
      endsTurn: true,
    }),
  },
  {
    name: 'an older finish speaks its thought (once, as text)',
    event: {
      id: 12,
      source: 'agent',
      message: 'All written.',
      action: 'finish',
      args: { outputs: {}, thought: 'All written.' },
    },
    reading: expect.objectContaining({
      outputs: [
        expect.objectContaining({ type: 'action', action: 'finish' }),
        { type: 'text', text: 'All written.' },
      ],
    }),
  },
  {
    name: 'a delegate finish speaks outputs.content, else its message',
    event: {
      id: 12,
      source: 'agent',
      message: "All done! What's next on the agenda?",
      action: 'finish',
      args: { outputs: { content: 'The plan: 1. write 2. test' }, thought: '' },
    },
    reading: expect.objectContaining({
      outputs: [
        expect.objectContaining({ type: 'action' }),
        { type: 'text', text: 'The plan: 1. write 2. test' },
      ],
    }),
  },
  {
    name: 'a think action is reasoning, not text',
    event: {
      id: 6,
      source: 'agent',
      message: 'I am thinking...: Use recursion.',
      action: 'think',
      args: { thought: 'Use recursion.' },
    },
    reading: expect.objectContaining({
      outputs: [
        { type: 'reasoning', text: 'Use recursion.' },
        expect.objectContaining({ type: 'action', action: 'think' }),
      ],
    }),
  },
  {
    name: 'the max-iteration notice of the environment pauses and stops the read',
    event: {
      id: 30,
      source: 'environment',
      message:
        "Agent reached maximum iteration, task paused. Current iteration: 25, max iteration: 25. Please click on resume button if you'd like to continue, or start a new task.",
      observation: 'error',
      content:
        "Agent reached maximum iteration, task paused. Current iteration: 25, max iteration: 25. Please click on resume button if you'd like to continue, or start a new task.",
      extras: { error_id: '' },
    },
    reading: expect.objectContaining({
      outputs: [expect.objectContaining({ type: 'observation', isError: true })],
      end: { type: 'paused' },
      endsTurn: true,
    }),
  },
  {
    name: 'a step observation of the environment answering a step of the call keeps its text',
    event: { ...RUN_OUTPUT, source: 'environment' },
    context: { stepActionIds: new Set(['3']) },
    reading: expect.objectContaining({
      outputs: [runObservation, { type: 'text', text: 'Command `ls` executed with exit code 0.' }],
    }),
  },
  // The agent's own envelope events: without `source: 'environment'` only their kind keeps
  // their stock message out of the answer.
  {
    name: "a change_agent_state action of the agent's own adds no text",
    event: {
      id: 21,
      source: 'agent',
      message: 'Agent state changed to awaiting_user_input',
      action: 'change_agent_state',
      args: { agent_state: 'awaiting_user_input' },
    },
    reading: expect.objectContaining({
      outputs: [expect.objectContaining({ type: 'action', action: 'change_agent_state' })],
    }),
  },
  {
    name: 'a null action ("No action") of the agent adds no text',
    event: { id: 22, source: 'agent', message: 'No action', action: 'null', args: {} },
    reading: expect.objectContaining({
      outputs: [expect.objectContaining({ type: 'action', action: 'null' })],
    }),
  },
  {
    name: 'an agent_state_changed observation of the agent adds no text',
    event: {
      id: 23,
      source: 'agent',
      message: 'Agent state changed to running',
      observation: 'agent_state_changed',
      content: '',
      extras: { agent_state: 'running' },
    },
    reading: expect.objectContaining({
      outputs: [expect.objectContaining({ type: 'observation' })],
    }),
  },
  {
    name: 'the raw event comes first when asked for',
    event: { id: 1, source: 'agent', action: 'message', args: { content: 'Hi' } },
    context: { includeRawEvents: true },
    reading: {
      eventId: 1,
      outputs: [
        {
          type: 'raw',
          event: { id: 1, source: 'agent', action: 'message', args: { content: 'Hi' } },
        },
        { type: 'text', text: 'Hi' },
      ],
      endsTurn: false,
    },
  },
];

describe('interpretEvent', () => {
  it.each(CASES)('$name', ({ event, context: overrides, reading }) => {
    expect(interpretEvent(event, context(overrides))).toEqual(reading);
  });
});
