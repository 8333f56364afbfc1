import {
  ENTRY_IMPORT,
  FAULT_MATRIX,
  type FaultRow,
  MATRIX_ENDPOINTS,
  MATRIX_ENTRIES,
  type MatrixEndpoint,
  NOT_APPLICABLE,
  type RowExpectation,
  rowName,
} from './fault-matrix';

/** The README markers the rendered table sits between. */
export const FAULT_MATRIX_START = '<!-- fault-matrix:start -->';
export const FAULT_MATRIX_END = '<!-- fault-matrix:end -->';

const HEADINGS: Record<MatrixEndpoint, string> = {
  '/auth': '`GET /auth` (the token page)',
  '/create-session': '`GET /create-session`',
  '/chat': '`POST /chat` (the first turn)',
  continuation: '`POST /chat` with `continue` (the continuation, `skip: 1`)',
};

const TEXT: Record<FaultRow['expect']['text'], string> = {
  all: 'all of it',
  none: 'none',
  'first-turn': 'the first turn',
  partial: 'part of the first turn',
  'first-turn+partial': 'the first turn and part of the continuation',
};

const RETRY: Record<FaultRow['expect']['retry'], string> = {
  no: 'no',
  ai: 'by ai (`maxRetries`)',
  provider: 'by the provider: new token, once',
  'provider-continuation': 'by the provider: after 500 ms (then 1 s), at most twice',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function result(expect: RowExpectation): string {
  const error = expect.error;
  const describe = () => {
    if (error === undefined) return '';
    const status = error.status !== undefined ? ` ${error.status}` : '';
    const retryable =
      error.retryable === undefined ? '' : error.retryable ? ' (retryable)' : ' (not retryable)';
    return `\`${error.type}\`${status}${retryable}: \`…${error.message}…\``;
  };
  switch (expect.result) {
    case 'answer': {
      if (expect.continuationError !== undefined) {
        const { status, message } = expect.continuationError;
        const code = status !== undefined ? `statusCode: ${status}, ` : '';
        return `the answer so far; \`continuationError\`: \`{ ${code}message: "…${message}…" }\``;
      }
      if (expect.warning !== undefined) return `the answer; a warning: \`…${expect.warning}…\``;
      return expect.skippedLines ? 'the answer; `skippedLines` > 0' : 'the answer';
    }
    case 'throws':
      return `throws ${describe()}`;
    case 'error-part':
      return `\`error\` part: ${describe()}`;
    case 'stream-aborted':
      return `the stream errors: ${describe()}`;
  }
}

function requests(row: FaultRow): string {
  const [auth, session, chat] = row.expect.requests;
  return `${auth} / ${session} / ${chat}`;
}

function tableFor(endpoint: MatrixEndpoint): string {
  const rows = FAULT_MATRIX.filter((row) => row.endpoint === endpoint);
  const lines = [
    `#### ${HEADINGS[endpoint]}`,
    '',
    '| fault | the server sends | result | retried | finish (`rawFinishReason`) | text delivered | requests auth / session / chat |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    const { expect } = row;
    const finish = expect.finish ? `\`${expect.finish.reason}\` (\`${expect.finish.raw}\`)` : '—';
    const closed = expect.closedByClient ? '; the client closes the held connection' : '';
    const settings = row.settings
      ? ` (${Object.entries(row.settings)
          .map(([name, value]) => `\`${name}: ${String(value)}\``)
          .join(', ')})`
      : '';
    lines.push(
      `| ${[
        `${row.fault}${row.via === 'streamText' ? ' †' : ''}${settings}`,
        row.server,
        `${result(expect)}${closed}`,
        RETRY[expect.retry],
        finish,
        TEXT[expect.text],
        requests(row),
      ]
        .map(cell)
        .join(' | ')} |`,
    );
  }
  const missing = NOT_APPLICABLE.filter((entry) => entry.endpoint === endpoint);
  if (missing.length > 0) {
    lines.push('');
    lines.push(
      missing.map((entry) => `Not applicable here: ${entry.fault} (${entry.why}).`).join(' '),
    );
  }
  return lines.join('\n');
}

/** The Markdown of the fault matrix, as it stands between the README markers. */
export function renderFaultMatrix(): string {
  const count = FAULT_MATRIX.length;
  const entries = MATRIX_ENTRIES.length;
  const viaStreamText = FAULT_MATRIX.filter((row) => row.via === 'streamText').length;
  const once = FAULT_MATRIX.filter((row) => row.expectOnce !== undefined);
  const imports = MATRIX_ENTRIES.map((entry) => `\`${ENTRY_IMPORT[entry]}\``).join(', ');
  return [
    `${count} rows × ${entries} entries (${imports}): ${count * entries} tests in ` +
      '`test/reliability/fault-matrix.integration.test.ts`, each row asserting the same outcome ' +
      'through every entry. ' +
      `Rows marked † (${viaStreamText}) run on the main entry through ai 4's \`streamText\` ` +
      'with `maxRetries: 1`; the others, and every row on `/v2`, `/v3` and `/v4`, call ' +
      '`model.doStream` once, without ai, so "retried: by ai" there means the error is a ' +
      'retryable `APICallError` that ai retries as `maxRetries` allows. ' +
      `Where ai's retry is what makes a † row answer, one \`doStream\` (so \`/v2\` to \`/v4\`) ` +
      `ends with the error ai retries: ${once
        .map((row) => `${rowName(row)}: ${result(row.expectOnce as RowExpectation)}`)
        .join('; ')}.`,
    '',
    ...MATRIX_ENDPOINTS.map(tableFor).flatMap((table) => [table, '']),
  ]
    .join('\n')
    .trimEnd();
}

/**
 * `readme` with the text between the markers replaced by the rendered matrix.
 *
 * @throws Error when the markers are missing or out of order.
 */
export function withFaultMatrix(readme: string, rendered = renderFaultMatrix()): string {
  const start = readme.indexOf(FAULT_MATRIX_START);
  const end = readme.indexOf(FAULT_MATRIX_END);
  if (start === -1 || end === -1 || end < start) {
    throw new Error(
      `The README needs the markers ${FAULT_MATRIX_START} and ${FAULT_MATRIX_END}, in that order.`,
    );
  }
  return `${readme.slice(0, start + FAULT_MATRIX_START.length)}\n\n${rendered}\n\n${readme.slice(end)}`;
}
