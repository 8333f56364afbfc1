import { findPythonJsonError } from './python-json-error.js';
import { AGENT_NAMES, type AgentName } from './types.js';

/** One entry of a FastAPI 422 body, as pydantic v2 reports it. */
export interface ValidationIssue {
  type: string;
  loc: (string | number)[];
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

/** How FastAPI read a request body, before validating it against the endpoint's model. */
export type DecodedBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'invalid-json'; text: string }
  /** A body whose content type is not JSON: FastAPI hands the raw text to the model. */
  | { kind: 'text'; text: string };

/**
 * Decodes a request body as FastAPI does: bodies are JSON when the content type is missing or
 * `application/json` / `application/*+json`, and raw otherwise. `undefined` means the bytes are
 * not UTF-8 (FastAPI answers 400 then).
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedBody | undefined {
  if (bytes.byteLength === 0) return { kind: 'none' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return undefined;
  }
  if (contentType !== null && !isJsonContentType(contentType)) return { kind: 'text', text };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'invalid-json', text };
  }
}

function isJsonContentType(contentType: string): boolean {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[^/]+\+json$/.test(mediaType);
}

/** A field of a request model. */
export type FieldSpec =
  | { name: string; type: 'string'; default?: string }
  | { name: string; type: 'enum'; values: readonly string[]; default?: string };

/** The `/chat` request model. */
export const CHAT_REQUEST_FIELDS: readonly FieldSpec[] = [
  { name: 'sid', type: 'string' },
  { name: 'prompt', type: 'string' },
  { name: 'agent', type: 'enum', values: AGENT_NAMES, default: 'GeneralCodingAgent' },
];

/** The `/get-session-code` request model. */
export const SESSION_CODE_REQUEST_FIELDS: readonly FieldSpec[] = [
  { name: 'sid', type: 'string' },
  { name: 'github_username', type: 'string' },
];

export interface ChatRequest {
  sid: string;
  prompt: string;
  agent: AgentName;
}

export interface SessionCodeRequest {
  sid: string;
  github_username: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; issues: ValidationIssue[] };

/** The issue FastAPI reports for a body that is not JSON. */
export function jsonInvalidIssue(text: string): ValidationIssue {
  // Python accepts a few things JSON.parse does not (NaN, Infinity); report those at the start.
  const error = findPythonJsonError(text) ?? { msg: 'Expecting value', pos: 0 };
  return {
    type: 'json_invalid',
    loc: ['body', error.pos],
    msg: 'JSON decode error',
    input: {},
    ctx: { error: error.msg },
  };
}

/**
 * Validates a decoded body against a model the way pydantic v2 does in FastAPI's lax mode:
 * every problem listed, in field order, with pydantic's `type`, `msg` and `input`.
 */
export function validateBody<T>(
  body: Exclude<DecodedBody, { kind: 'invalid-json' }>,
  fields: readonly FieldSpec[],
): Validated<T> {
  if (body.kind === 'none') {
    return {
      ok: false,
      issues: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }],
    };
  }
  const input = body.kind === 'json' ? body.value : body.text;
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return {
      ok: false,
      issues: [
        {
          type: 'model_attributes_type',
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          input,
        },
      ],
    };
  }
  const record = input as Record<string, unknown>;
  const issues: ValidationIssue[] = [];
  const value: Record<string, unknown> = {};
  for (const field of fields) {
    const issue = checkField(field, record);
    if (issue) issues.push(issue);
    else value[field.name] = record[field.name] ?? field.default;
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: value as T };
}

function checkField(
  field: FieldSpec,
  record: Record<string, unknown>,
): ValidationIssue | undefined {
  const loc = ['body', field.name];
  if (!Object.hasOwn(record, field.name)) {
    if (field.default !== undefined) return undefined;
    return { type: 'missing', loc, msg: 'Field required', input: record };
  }
  const input = record[field.name];
  if (field.type === 'string') {
    if (typeof input === 'string') return undefined;
    return { type: 'string_type', loc, msg: 'Input should be a valid string', input };
  }
  if (typeof input === 'string' && field.values.includes(input)) return undefined;
  const expected = enumerate(field.values.map((v) => `'${v}'`));
  return { type: 'enum', loc, msg: `Input should be ${expected}`, input, ctx: { expected } };
}

/** Pydantic's list style: `'a', 'b' or 'c'`. */
function enumerate(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
