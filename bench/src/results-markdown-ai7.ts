import type { Ai7Outcome, Ai7Results, SlowTurnRow } from './ai7-results.js';
import { formatNumber } from './statistics.js';
import { ratiosAt } from './targets.js';

const ms = (n: number, digits = 2) => (Number.isFinite(n) ? `${n.toFixed(digits)} ms` : '—');
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** The pieces of results-markdown.ts this section reuses (passed in, so neither imports the other). */
export interface MarkdownKit {
  table(header: string[], rows: string[][]): string;
  throughputSection(rows: Ai7Results['throughput'], emulatorProfiled: boolean): string;
  loadAverageText(load: Ai7Results['loadAverage']): string;
  coldStartSection(result: Ai7Results['coldStart']): string;
}

function ratioTable(results: Ai7Results, kit: MarkdownKit): string {
  const byV3 = ratiosAt(results.throughput, 'ai7-v4-streamText', 'ai7-v3-streamText');
  const byOpenAi = ratiosAt(results.throughput, 'ai7-v4-streamText', 'ai7-openai-streamText');
  return kit.table(
    [
      'stream length',
      '/v4 ÷ /v3 (wall)',
      '/v4 ÷ /v3 (client CPU)',
      '/v4 ÷ openai-compatible 3 (wall)',
      '/v4 ÷ openai-compatible 3 (client CPU)',
    ],
    byV3.map((r) => {
      const theirs = byOpenAi.find((x) => x.events === r.events);
      return [
        formatNumber(r.events),
        r.ratio.toFixed(2),
        r.cpuRatio.toFixed(2),
        theirs?.ratio.toFixed(2) ?? '—',
        theirs?.cpuRatio.toFixed(2) ?? '—',
      ];
    }),
  );
}

function slowTurnTable(rows: readonly SlowTurnRow[], kit: MarkdownKit): string {
  return kit.table(
    [
      'path',
      'turns × messages',
      'all open after',
      'open at the heap sample',
      'retained heap per open turn',
      'heap: baseline → all open',
      'RSS all open',
      'lag p50',
      'lag p99',
      'lag max',
      'messages timed',
      'errors',
    ],
    rows.map((row) => [
      row.label,
      `${formatNumber(row.turns)} × ${row.eventsPerTurn}, one every ${row.paceMs} ms`,
      ms(row.rampMs, 0),
      formatNumber(row.openAtSample),
      `**${kib(row.retainedPerTurn)}**`,
      `${mib(row.baselineHeap)} → ${mib(row.heapWithTurns)}`,
      mib(row.rssWithTurns),
      ms(row.lag.p50),
      `**${ms(row.lag.p99)}**`,
      ms(row.lag.max),
      formatNumber(row.lag.samples),
      row.errors === 0 ? '0' : `${row.errors} (${row.firstError ?? ''})`,
    ]),
  );
}

function slowTurnSection(results: Ai7Results, kit: MarkdownKit): string[] {
  const rows = results.slowTurns;
  if (rows.length === 0) return ['Not measured in this run.', ''];
  const first = rows[0] as SlowTurnRow;
  return [
    `${formatNumber(first.turns)} turns open at once from this process, each \`slow ${first.eventsPerTurn} ${first.paceMs}\` against src/servers/slow-turn-server.ts (one NDJSON agent message every ${first.paceMs} ms, in the emulator's event format, stamped with the server's clock as it is written; no keep-alive, so every open turn holds its own socket). Each path opens every turn in a new conversation (create-session + chat), the starts spread over one pace, then:`,
    '',
    "- **retained heap per open turn**: `heapUsed` after two full GCs with every turn open, minus the same before the first turn started, divided by the number of turns (the sample is taken at about two thirds of a turn's length);",
    "- **lag**: the time from a message leaving the server to its text reaching the consumer (the raw reader's line parser; the text part read from ai 7's `result.stream`), on this process's clock (the server's clock offset, from the IPC round trip with the smallest delay, is applied). Only the steady state is timed: messages sent after every turn had its first one and received before the heap sample.",
    '',
    "The paths run one after the other in one Node 22 process. Only the raw reader and `streamText` are judged; the `/v4` doStream row shows how much of a streamText turn is the provider's own, the `experimental_streamTextLowMemory` row (ai 7's single-consumer variant of the same engine, without replay or final-content getters) what an app holding many turns open can choose.",
    '',
    slowTurnTable(rows, kit),
    '',
  ];
}

/** Section 7 of RESULTS.md: the ai 7 part, or why it was not measured. */
export function ai7Section(outcome: Ai7Outcome | undefined, kit: MarkdownKit): string {
  const out: string[] = ['## 7. ai 7 (Node 22)', ''];
  if (outcome === undefined) return [...out, 'Not measured in this run (`--no-ai7`).'].join('\n');
  if (!outcome.measured) return [...out, `Not measured: ${outcome.reason}.`].join('\n');
  out.push(
    `Measured by src/run-bench-ai7.ts in a child process under Node ${outcome.node} (\`with-node-22\`; ai ${outcome.aiVersion} is ESM-only and needs Node 22), with its own servers, after the sections above: ai ${outcome.aiVersion}'s \`streamText\` over \`robocoders-ai-provider/v4\`, over \`/v3\` (which ai wraps in its V3→V4 proxy) and over \`@ai-sdk/openai-compatible\` ${outcome.openAiCompatibleVersion} on the same deltas, beside the raw reader. Its targets are in the table at the top (run time ${outcome.durationSeconds.toFixed(0)} s; load average ${outcome.loadAverage ? kit.loadAverageText(outcome.loadAverage) : 'not recorded'}).`,
    '',
    '### 7.1 Throughput of `streamText`',
    '',
    'As in section 1: the emulator and the OpenAI-compatible SSE endpoint in their own processes, a warm-up run of every path, then rounds with the order rotated; medians.',
    '',
    kit.throughputSection(outcome.throughput, false).trimEnd(),
    '',
    ratioTable(outcome, kit),
    '',
    '### 7.2 Cold start of `/v4`',
    '',
    kit.coldStartSection(outcome.coldStart),
    '',
    '### 7.3 Many slow turns at once',
    '',
    ...slowTurnSection(outcome, kit),
  );
  return out.join('\n').trimEnd();
}
