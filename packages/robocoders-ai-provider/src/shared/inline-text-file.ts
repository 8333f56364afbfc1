import { invalidPromptError, unsupportedFunctionalityError } from '../core/caller-errors';

/**
 * The largest text file put into a prompt, in bytes (UTF-8): the agent reads the whole prompt
 * in one request, and a file this large is more than it can take in at once.
 */
export const MAX_INLINE_TEXT_FILE_BYTES = 256 * 1024;

/**
 * A prompt file part as any spec version has it: V1 `mimeType` and base64 or URL `data`; V2/V3
 * `mediaType` and bytes, base64 or URL; V4 `mediaType` and the tagged `data` union.
 */
export interface RobocodersFilePart {
  readonly type: string;
  readonly filename?: string;
  readonly mediaType?: string;
  readonly mimeType?: string;
  readonly data?: unknown;
  /** V1's image part. */
  readonly image?: unknown;
}

// Application types that are text whatever their subtype says; `+json`/`+xml`/`+yaml` suffixes
// and `text/*` are text too.
const TEXT_APPLICATION_TYPES = new Set([
  'json',
  'ld+json',
  'xml',
  'javascript',
  'x-javascript',
  'ecmascript',
  'typescript',
  'x-typescript',
  'x-sh',
  'x-shellscript',
  'yaml',
  'x-yaml',
  'toml',
  'x-toml',
  'sql',
  'graphql',
  'x-python',
  'x-python-code',
  'x-httpd-php',
  'x-ruby',
  'x-perl',
  'x-tex',
  'x-latex',
  'x-ndjson',
  'ndjson',
  'jsonl',
  'csv',
  'x-csv',
  'markdown',
  'x-markdown',
  'x-diff',
  'x-patch',
]);

/** The media type without parameters, lower-cased, and its `charset` parameter if any. */
function parseMediaType(mediaType: string): { essence: string; charset?: string } {
  const [essence, ...parameters] = mediaType.split(';');
  const charset = parameters
    .map((parameter) => parameter.trim().split('='))
    .find(([name]) => name.trim().toLowerCase() === 'charset')?.[1]
    ?.trim()
    .replace(/^"|"$/g, '');
  return { essence: essence.trim().toLowerCase(), charset };
}

/** Whether a file of this media type is text the agent can read. */
export function isTextMediaType(mediaType: string): boolean {
  const { essence } = parseMediaType(mediaType);
  const [type, subtype = ''] = essence.split('/');
  if (type === 'text') return true;
  if (type !== 'application') return false;
  return TEXT_APPLICATION_TYPES.has(subtype) || /\+(json|xml|yaml)$/.test(subtype);
}

/** The file's text, or where it is when it is not in the part (a URL, an uploaded file). */
type FileContent =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'elsewhere'; what: string };

function base64Bytes(base64: string, part: RobocodersFilePart): Uint8Array {
  let binary: string;
  try {
    binary = atob(base64.replace(/\s/g, ''));
  } catch {
    throw invalidPromptError(
      part,
      `the ${describeFilePart(part)} has string data that is not base64.`,
    );
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Reads the `data` of a file part of any spec version (V4: the tagged union). */
function fileContent(data: unknown, part: RobocodersFilePart): FileContent {
  if (typeof data === 'string') return { kind: 'bytes', bytes: base64Bytes(data, part) };
  if (data instanceof Uint8Array) return { kind: 'bytes', bytes: data };
  if (data instanceof URL) return { kind: 'elsewhere', what: `a URL (${data.protocol})` };
  const tagged = data as { type?: unknown; data?: unknown; text?: unknown } | null;
  switch (tagged?.type) {
    case 'text':
      return { kind: 'text', text: String(tagged.text) };
    case 'data':
      return fileContent(tagged.data, part);
    case 'url':
      return { kind: 'elsewhere', what: 'a URL' };
    case 'reference':
      return { kind: 'elsewhere', what: 'a reference to an uploaded file' };
    default:
      return { kind: 'elsewhere', what: 'data of an unknown shape' };
  }
}

/** How a part is named in errors: its kind, filename and media type. */
export function describeFilePart(part: RobocodersFilePart): string {
  const mediaType = part.mediaType ?? part.mimeType;
  const name = part.filename === undefined ? '' : ` "${part.filename}"`;
  return `${part.type} part${name}${mediaType === undefined ? '' : ` (${mediaType})`}`;
}

function decodeText(bytes: Uint8Array, charset: string | undefined, part: RobocodersFilePart) {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8', { fatal: true });
  } catch {
    throw unsupportedFunctionalityError(
      'text file charset',
      `Robocoders cannot read the ${describeFilePart(part)}: unknown charset "${charset}".`,
    );
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw unsupportedFunctionalityError(
      'binary file parts',
      `Robocoders cannot read the ${describeFilePart(part)}: its bytes are not ${decoder.encoding} text.`,
    );
  }
}

/** A fence of backticks longer than any run of backticks in the text. */
function fenceFor(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * The text of a file part of a text media type (`text/*`, `application/json`, `…+xml`, …) or
 * with V4 `{ type: 'text' }` data, ready for the prompt: a line naming the file, then its text
 * in a fenced block, so "here is my `main.py`, fix it" reaches the agent with the file.
 *
 * @throws UnsupportedFunctionalityError for images and other binary files, for files given as a
 * URL or an upload reference (the agent only reads what is in the prompt), and for bytes that
 * are not text. InvalidPromptError for a file over {@link MAX_INLINE_TEXT_FILE_BYTES}.
 */
export function inlineTextFile(part: RobocodersFilePart): string {
  const mediaType =
    part.mediaType ??
    part.mimeType ??
    (part.type === 'image' ? 'image/*' : 'application/octet-stream');
  const content = fileContent(part.type === 'image' ? part.image : part.data, part);
  if (content.kind !== 'text' && (part.type === 'image' || !isTextMediaType(mediaType))) {
    throw unsupportedFunctionalityError(
      `${part.type} parts of type ${parseMediaType(mediaType).essence}`,
      `Robocoders agents read text only: the ${describeFilePart(part)} cannot be sent. ` +
        'Text files (text/*, JSON, XML, source code…) are put into the prompt.',
    );
  }
  if (content.kind === 'elsewhere') {
    throw unsupportedFunctionalityError(
      'file parts by URL or reference',
      `Robocoders agents read only what is in the prompt: the ${describeFilePart(part)} is ` +
        `${content.what}; pass its content instead.`,
    );
  }
  const text =
    content.kind === 'text'
      ? content.text
      : decodeText(content.bytes, parseMediaType(mediaType).charset, part);
  const size =
    content.kind === 'bytes' ? content.bytes.byteLength : new TextEncoder().encode(text).length;
  if (size > MAX_INLINE_TEXT_FILE_BYTES) {
    throw invalidPromptError(
      part,
      `the ${describeFilePart(part)} has ${size} bytes; Robocoders puts text files of up to ` +
        `${MAX_INLINE_TEXT_FILE_BYTES} bytes into the prompt.`,
    );
  }
  const fence = fenceFor(text);
  const name = part.filename ?? 'attached file';
  return `File ${name} (${parseMediaType(mediaType).essence}):\n${fence}\n${text}\n${fence}`;
}
