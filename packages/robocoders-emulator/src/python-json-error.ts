/** A JSON syntax error as Python's `json.loads` reports it: message and character position. */
export interface PythonJsonError {
  msg: string;
  pos: number;
}

class JsonSyntaxError extends Error {
  constructor(
    readonly msg: string,
    readonly pos: number,
  ) {
    super(`${msg} (char ${pos})`);
  }
}

/**
 * Locates the first syntax error in `text` the way CPython's `json` module does, because FastAPI
 * puts Python's message and position into its `json_invalid` 422 body (`loc: ["body", pos]`,
 * `ctx.error`). Returns `undefined` when the text is valid JSON.
 */
export function findPythonJsonError(text: string): PythonJsonError | undefined {
  try {
    const end = skipWhitespace(text, parseValue(text, skipWhitespace(text, 0)));
    if (end !== text.length) throw new JsonSyntaxError('Extra data', end);
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { msg: error.msg, pos: error.pos };
    throw error;
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const LITERALS = ['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity'];

function skipWhitespace(text: string, index: number): number {
  let i = index;
  while (i < text.length && WHITESPACE.has(text.charAt(i))) i += 1;
  return i;
}

/** Parses one value starting exactly at `index`; returns the index after it. */
function parseValue(text: string, index: number): number {
  const char = text.charAt(index);
  if (char === '"') return parseString(text, index + 1);
  if (char === '{') return parseObject(text, index + 1);
  if (char === '[') return parseArray(text, index + 1);
  for (const literal of LITERALS) {
    if (text.startsWith(literal, index)) return index + literal.length;
  }
  NUMBER.lastIndex = index;
  const match = NUMBER.exec(text);
  if (match && match[0] !== '' && match[0] !== '-') return index + match[0].length;
  throw new JsonSyntaxError('Expecting value', index);
}

function parseString(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const char = text.charAt(i);
    if (char === '"') return i + 1;
    if (char === '\\') {
      const escaped = text.charAt(i + 1);
      if (escaped === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          throw new JsonSyntaxError('Invalid \\uXXXX escape', i + 1);
        }
        i += 6;
        continue;
      }
      if (escaped === '' || !'"\\/bfnrt'.includes(escaped)) {
        throw new JsonSyntaxError('Invalid \\escape', i);
      }
      i += 2;
      continue;
    }
    if (char.charCodeAt(0) <= 0x1f) throw new JsonSyntaxError('Invalid control character at', i);
    i += 1;
  }
  throw new JsonSyntaxError('Unterminated string starting at', start - 1);
}

function parseObject(text: string, start: number): number {
  let i = skipWhitespace(text, start);
  if (text.charAt(i) === '}') return i + 1;
  for (;;) {
    if (text.charAt(i) !== '"') {
      throw new JsonSyntaxError('Expecting property name enclosed in double quotes', i);
    }
    i = skipWhitespace(text, parseString(text, i + 1));
    if (text.charAt(i) !== ':') throw new JsonSyntaxError("Expecting ':' delimiter", i);
    i = skipWhitespace(text, parseValue(text, skipWhitespace(text, i + 1)));
    if (text.charAt(i) === '}') return i + 1;
    if (text.charAt(i) !== ',') throw new JsonSyntaxError("Expecting ',' delimiter", i);
    i = skipWhitespace(text, i + 1);
  }
}

function parseArray(text: string, start: number): number {
  let i = skipWhitespace(text, start);
  if (text.charAt(i) === ']') return i + 1;
  for (;;) {
    i = skipWhitespace(text, parseValue(text, i));
    if (text.charAt(i) === ']') return i + 1;
    if (text.charAt(i) !== ',') throw new JsonSyntaxError("Expecting ',' delimiter", i);
    i = skipWhitespace(text, i + 1);
  }
}
