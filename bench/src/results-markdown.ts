import { AI7_VERSION, OPENAI_COMPATIBLE_3_VERSION } from './ai7-versions.js';
import { COLD_START_PEER, type ColdStartResult, peerOfEntry } from './cold-start.js';
import type { ProfileRun } from './profile.js';
import type { BenchResults, TargetVerdict } from './results.js';
import { ai7Section } from './results-markdown-ai7.js';
import { formatNumber } from './statistics.js';
import { ratiosAt } from './targets.js';
import type { ThroughputRow } from './throughput.js';

const PATH_LABELS: Record<string, string> = {
  emulator: 'the emulator (server process) serving the raw reader',
  raw: 'raw reader: fetch + TextDecoderStream + split + JSON.parse',
  'provider-doStream': 'robocoders-ai-provider `doStream`',
  'provider-streamText': '`streamText` (ai 4.3.19) over robocoders-ai-provider',
  'openai-doStream': '@ai-sdk/openai-compatible 0.2.16 `doStream` (SSE)',
  'openai-streamText': '`streamText` (ai 4.3.19) over @ai-sdk/openai-compatible 0.2.16',
  'ai7-v4-streamText': `\`streamText\` (ai ${AI7_VERSION}) over robocoders-ai-provider/v4`,
  'ai7-v3-streamText': `\`streamText\` (ai ${AI7_VERSION}) over robocoders-ai-provider/v3 (V3→V4 proxy)`,
  'ai7-openai-streamText': `\`streamText\` (ai ${AI7_VERSION}) over @ai-sdk/openai-compatible ${OPENAI_COMPATIBLE_3_VERSION}`,
};

/** Other work on the machine shows here: on 2 cores, a load far above 1 means shared CPUs. */
export function loadAverageText(load: { start: number[]; end: number[] }): string {
  const show = (values: number[]) => values.map((v) => v.toFixed(2)).join(', ');
  return `${show(load.start)} at the start, ${show(load.end)} at the end`;
}

const STATUS: Record<TargetVerdict['status'], string> = {
  met: '✅ met',
  missed: '❌ missed',
  'not measured': '⚪ not measured',
};

const ms = (n: number, digits = 2) => (Number.isFinite(n) ? `${n.toFixed(digits)} ms` : '—');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;
const table = (header: string[], rows: string[][]) =>
  [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');

export function throughputSection(rows: readonly ThroughputRow[], emulatorProfiled = true): string {
  const lengths = [...new Set(rows.map((r) => r.events))].sort((a, b) => a - b);
  const paths = [...new Set(rows.map((r) => r.path))];
  const header = ['path', ...lengths.flatMap((n) => [`${formatNumber(n)} ev/s`, '× raw'])];
  const body = paths.map((path) => [
    PATH_LABELS[path] ?? path,
    ...lengths.flatMap((events) => {
      const row = rows.find((r) => r.path === path && r.events === events);
      const raw = rows.find((r) => r.path === 'raw' && r.events === events);
      if (!row) return ['—', '—'];
      return [formatNumber(row.eventsPerSecond), raw ? (row.wallMs / raw.wallMs).toFixed(2) : '—'];
    }),
  ]);
  const longest = lengths.at(-1) ?? 0;
  const cpuRows = paths.map((path) => {
    const row = rows.find((r) => r.path === path && r.events === longest);
    const raw = rows.find((r) => r.path === 'raw' && r.events === longest);
    if (!row) return [PATH_LABELS[path] ?? path, '—', '—', '—', '—', '—', '—'];
    return [
      PATH_LABELS[path] ?? path,
      ms(row.wallMs, 0),
      ms(row.serverCpuMs, 0),
      ms(row.cpuMs, 0),
      `${((row.cpuMs * 1000) / row.events).toFixed(2)} µs`,
      raw ? (row.cpuMs / raw.cpuMs).toFixed(2) : '—',
      `${formatNumber(row.deltas)} / ${formatNumber(row.chars)}`,
    ];
  });
  return [
    table(header, body),
    '',
    `At ${formatNumber(longest)} events: wall time, the server process's CPU time meanwhile, the`,
    "client process's CPU time (servers run in their own processes), client CPU per event, CPU ratio",
    'to the raw reader, and the text deltas / characters delivered.',
    '',
    table(
      [
        'path',
        'wall',
        'server CPU',
        'client CPU',
        'client CPU per event',
        'CPU × raw',
        'deltas / chars',
      ],
      cpuRows,
    ),
    '',
    ...paceNotes(rows, emulatorProfiled),
  ].join('\n');
}

/** Says, from the numbers, whether the server or the client set the pace. */
function paceNotes(rows: readonly ThroughputRow[], emulatorProfiled: boolean): string[] {
  const notes: string[] = [];
  const bound = rows.filter((r) => r.path === 'raw' && r.serverCpuMs > 1.5 * r.cpuMs);
  if (bound.length > 0) {
    const detail = bound
      .map(
        (raw) =>
          `${formatNumber(raw.events)} events: emulator ${formatNumber(raw.serverCpuMs)} ms CPU, raw reader ${formatNumber(raw.cpuMs)} ms CPU in ${formatNumber(raw.wallMs)} ms`,
      )
      .join('; ');
    notes.push(
      `- **The emulator set the pace** of the raw reader (${detail}): its process needed far more CPU than the client, so wall times measure the emulator and wall-time ratios against the raw reader are compressed towards 1. The client CPU ratios show the provider's own cost${emulatorProfiled ? "; the emulator's own profile is below" : ''}.`,
    );
  }
  const longest = Math.max(...rows.map((r) => r.events));
  const provider = rows.find((r) => r.path === 'provider-doStream' && r.events === longest);
  const raw = rows.find((r) => r.path === 'raw' && r.events === longest);
  if (provider && raw && provider.chars !== raw.chars) {
    notes.push(
      `- At ${formatNumber(longest)} events the provider delivers ${formatNumber(provider.chars - raw.chars)} more characters than the raw reader counts: it separates consecutive agent messages (the raw reader and the OpenAI-compatible server carry the bare deltas). It also merges the events of one network read into one text delta, hence ${formatNumber(provider.deltas)} deltas instead of ${formatNumber(raw.deltas)}.`,
    );
  }
  return notes;
}

function profileSection(run: ProfileRun): string {
  const areas = run.summary.areas
    .slice(0, 8)
    .map((area) => [area.area, ms(area.selfMs, 0), pct(area.share)]);
  const frames = run.summary.frames.map((frame) => [
    `\`${frame.functionName}\``,
    frame.area,
    `\`${frame.location}\``,
    ms(frame.selfMs, 0),
    pct(frame.share),
  ]);
  return [
    `#### ${PATH_LABELS[run.path] ?? run.path}, ${formatNumber(run.events)} events`,
    '',
    `Busy CPU ${ms(run.summary.totalMs, 0)} in that process during the profiled stream (module loading and a warm-up stream left out); profile \`${run.file}\` (not committed).`,
    '',
    table(['area (self time)', 'self', 'share'], areas),
    '',
    table(['hottest function (self time)', 'area', 'where', 'self', 'share'], frames),
  ].join('\n');
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function coldStartSection(result: ColdStartResult | undefined): string {
  if (result === undefined) return 'Not measured in this run.';
  const single = result.peer ?? COLD_START_PEER;
  const peerOf = (entry: string) => peerOfEntry(entry, result.peers, single);
  const peerEntries = new Set(result.rows.map((row) => peerOf(row.entry).entry));
  const labelOf = (entry: string) =>
    [single, ...Object.values(result.peers ?? {})].find((peer) => peer.entry === entry)?.label;
  const rowOf = (entry: string) => result.rows.find((row) => row.entry === entry);
  const ratio = (value: number, base: number | undefined) =>
    base === undefined ? '—' : `${(value / base).toFixed(2)}×`;
  const against = result.peers
    ? "each entry's peer, the @ai-sdk/openai-compatible of its ai major (rows without a ratio)"
    : single.label;
  return [
    `What an app loads when it imports an entry, measured side by side with ${against} ` +
      `(${result.date}, Node ${result.node}). Weight: the entry bundled as an edge or serverless ` +
      'function is (esbuild, minified, ESM, platform neutral with the edge conditions, `zod` ' +
      'external, code split), counting only the files loaded at start (chunks reached through ' +
      '`import()` excluded), gzipped file by file. Time: `await import(entry)` in a fresh Node ' +
      `process, median of ${result.rounds} rounds in a rotated order (zod and the AI SDK ` +
      'packages included, as an app pays for them).',
    '',
    table(
      ['entry', 'minified', 'gzip', '× peer', 'cold import()', '× peer'],
      result.rows.map((row) => {
        const isPeer = peerEntries.has(row.entry);
        const peer = isPeer ? undefined : rowOf(peerOf(row.entry).entry);
        return [
          isPeer ? `\`${labelOf(row.entry) ?? row.entry}\`` : `\`${row.entry}\``,
          kb(row.minifiedBytes),
          `${formatNumber(row.gzipBytes)} B (${kb(row.gzipBytes)})`,
          isPeer ? '1.00×' : ratio(row.gzipBytes, peer?.gzipBytes),
          ms(row.importMs, 1),
          isPeer ? '1.00×' : ratio(row.importMs, peer?.importMs),
        ];
      }),
    ),
  ].join('\n');
}

/** Writes `RESULTS.md` from one run's results. */
export function renderResultsMarkdown(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [];
  out.push('# Benchmark results', '');
  out.push(
    `Generated by \`pnpm bench\` (${results.mode} mode) — do not edit by hand; see [README.md](./README.md) for how to run and read it.`,
    '',
  );
  out.push(
    table(
      ['machine', 'value'],
      [
        ['CPU', `${m.cpuModel} × ${m.cores} cores`],
        ['memory', `${m.memoryGiB} GiB`],
        ['Node.js', m.node],
        ['OS', m.os],
        ['date', m.date],
        ...(m.loadAverage ? [['load average (1, 5, 15 min)', loadAverageText(m.loadAverage)]] : []),
        ['run time', `${results.durationSeconds.toFixed(0)} s`],
        [
          'deltas',
          `${results.bytesPerDelta} characters each (emulator load mode \`bench <count> ${results.bytesPerDelta}\`)`,
        ],
      ],
    ),
    '',
  );
  out.push('## Targets', '');
  out.push(
    table(
      ['target', 'measured in this run', 'status'],
      [...results.targets, ...(results.ai7?.measured ? results.ai7.targets : [])].map((t) => [
        t.target,
        t.measured,
        STATUS[t.status],
      ]),
    ),
    '',
  );
  if (!results.provider.loaded) {
    out.push(`> The provider could not be measured: ${results.provider.reason}.`, '');
  }
  for (const note of results.notes) out.push(`> ${note}`, '');

  out.push('## 1. Throughput', '');
  out.push(
    'Median of the rounds after a warm-up; paths interleaved within each round. `× raw` is wall time relative to the raw reader (lower is better).',
    '',
    throughputSection(results.throughput),
    '',
    '![throughput against stream length](./throughput.svg)',
    '',
  );

  out.push('## 2. Against @ai-sdk/openai-compatible on the same deltas', '');
  const st = ratiosAt(results.throughput, 'provider-streamText', 'openai-streamText');
  const ds = ratiosAt(results.throughput, 'provider-doStream', 'openai-doStream');
  out.push(
    table(
      [
        'stream length',
        'streamText: our time / theirs (wall)',
        'streamText (client CPU)',
        'doStream: our time / theirs (wall)',
        'doStream (client CPU)',
      ],
      st.map((r) => {
        const d = ds.find((x) => x.events === r.events);
        return [
          formatNumber(r.events),
          r.ratio.toFixed(2),
          r.cpuRatio.toFixed(2),
          d?.ratio.toFixed(2) ?? '—',
          d?.cpuRatio.toFixed(2) ?? '—',
        ];
      }),
    ),
    '',
    'Theirs reads a local OpenAI-compatible SSE endpoint (node:http, own process) that sends the same',
    'number of text deltas of the same sizes, one write per chunk, as the emulator does.',
    '',
  );

  out.push('## 3. Time to first token and requests per turn', '');
  if (results.ttft) {
    const t = results.ttft;
    out.push(
      `Warm (token and session reused), ${t.calls} calls each, interleaved, stream \`bench 1 16\`.`,
      '',
      table(
        ['measure', 'p50', 'p99'],
        [
          [
            "server's first byte (raw fetch: request → first body byte)",
            ms(t.serverFirstByte.p50, 3),
            ms(t.serverFirstByte.p99, 3),
          ],
          [
            'raw reader: request → first agent message parsed',
            ms(t.rawFirstText.p50, 3),
            ms(t.rawFirstText.p99, 3),
          ],
          [
            'provider doStream: call → first text-delta',
            ms(t.providerFirstText.p50, 3),
            ms(t.providerFirstText.p99, 3),
          ],
          [
            'streamText over provider: call → first textStream chunk',
            ms(t.streamTextFirstText.p50, 3),
            ms(t.streamTextFirstText.p99, 3),
          ],
          [
            '**added by the provider**, per call: (call → `/chat` fetch) + (first agent-message chunk → first text-delta)',
            `**${ms(t.added.p50, 3)}**`,
            `**${ms(t.added.p99, 3)}**`,
          ],
        ],
      ),
      '',
    );
  }
  if (results.requests) {
    const r = results.requests;
    const show = (counts: Record<string, number>) =>
      Object.entries(counts)
        .map(([path, n]) => `${path} ×${n}`)
        .join(', ') || 'none';
    out.push(
      "Counted in the emulator's request log.",
      '',
      table(
        ['turn', 'requests', 'by endpoint'],
        [
          ['cold (new provider instance)', String(r.coldTotal), show(r.cold)],
          ['warm (same conversation)', String(r.warmTotal), show(r.warm)],
          [
            `${r.concurrentColdCalls} concurrent cold calls, one new provider`,
            String(r.concurrentColdTotal),
            show(r.concurrentCold),
          ],
        ],
      ),
      '',
    );
  }

  out.push('## 4. Memory while consuming one stream', '');
  out.push(
    'Each in a fresh `node --expose-gc` process; a full GC before every sample (at most every 25 ms), so the heap is what the consumer retains.',
    '',
    table(
      ['path', 'events', 'retained heap (peak − baseline)', 'peak heap', 'peak RSS', 'samples'],
      results.memory.map((row) => [
        PATH_LABELS[row.path] ?? row.path,
        formatNumber(row.count),
        mib(row.peakHeap - row.baselineHeap),
        mib(row.peakHeap),
        mib(row.peakRss),
        String(row.samples),
      ]),
    ),
    '',
  );

  out.push('## 5. Concurrent streams from one process', '');
  out.push(
    table(
      ['path', 'streams × events', 'wall', 'total events/s', 'TTFT p50', 'TTFT p99', 'errors'],
      results.concurrency.map((row) => [
        PATH_LABELS[row.path] ?? row.path,
        `${row.streams} × ${formatNumber(row.eventsPerStream)}`,
        ms(row.wallMs, 0),
        formatNumber(row.eventsPerSecond),
        ms(row.ttftP50, 1),
        ms(row.ttftP99, 1),
        row.errors === 0 ? '0' : `${row.errors} (${row.firstError ?? ''})`,
      ]),
    ),
    '',
  );
  const concurrentRequests = results.concurrency.find((row) => row.requests)?.requests;
  if (concurrentRequests) {
    out.push(
      `Requests the provider made for them: ${Object.entries(concurrentRequests)
        .map(([path, n]) => `${path} ×${n}`)
        .join(', ')}.`,
      '',
    );
  }

  out.push('## 6. Cold start', '');
  out.push(coldStartSection(results.coldStart), '');
  out.push(
    ai7Section(results.ai7, { table, throughputSection, coldStartSection, loadAverageText }),
    '',
  );

  out.push('## Where the time goes (`node --cpu-prof`)', '');
  if (results.profiles.length === 0) out.push('No profile was taken in this run.', '');
  for (const run of results.profiles) out.push(profileSection(run), '');
  return `${out.join('\n').trimEnd()}\n`;
}
