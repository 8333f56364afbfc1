import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ThroughputRow } from './throughput.js';

const PATH_NAMES: Record<string, string> = {
  raw: 'raw reader',
  'provider-doStream': 'provider doStream',
  'provider-streamText': 'streamText over provider',
  'openai-doStream': 'openai-compatible doStream',
  'openai-streamText': 'streamText over openai-compatible',
};

/** The Vega-Lite spec of the throughput chart: events/s against stream length, one line per path. */
export function throughputChartSpec(
  rows: readonly ThroughputRow[],
  subtitle: string,
): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'Throughput against stream length (median of rounds)', subtitle },
    width: 560,
    height: 340,
    background: 'white',
    data: {
      values: rows.map((row) => ({
        events: row.events,
        eventsPerSecond: Math.round(row.eventsPerSecond),
        path: PATH_NAMES[row.path] ?? row.path,
      })),
    },
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'events',
        type: 'quantitative',
        scale: { type: 'log', domain: [1_500, 260_000], nice: false },
        axis: {
          title: 'events in the stream (log scale)',
          format: '~s',
          values: [...new Set(rows.map((row) => row.events))],
        },
      },
      y: {
        field: 'eventsPerSecond',
        type: 'quantitative',
        scale: { type: 'log' },
        axis: { title: 'events per second (log scale)', format: '~s' },
      },
      color: {
        field: 'path',
        type: 'nominal',
        sort: Object.values(PATH_NAMES),
        legend: { title: null, orient: 'bottom', columns: 1, labelLimit: 400 },
      },
      tooltip: [{ field: 'path' }, { field: 'events' }, { field: 'eventsPerSecond' }],
    },
  };
}

/** Renders the chart to SVG headlessly (Vega's SVG renderer needs no browser or canvas). */
export async function renderThroughputSvg(
  rows: readonly ThroughputRow[],
  subtitle: string,
): Promise<string> {
  const vegaSpec = compile(throughputChartSpec(rows, subtitle)).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
