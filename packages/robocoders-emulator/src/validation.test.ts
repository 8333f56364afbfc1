import { describe, expect, it } from 'vitest';
import { findPythonJsonError } from './python-json-error.js';
import { bearer, fetchToken, openSession, postJson, useEmulator } from './test-support.js';

const emulator = await useEmulator();
const { url } = emulator;
const token = await fetchToken(url);

async function post422(path: string, body: unknown, contentType = 'application/json') {
  const response = await postJson(url, path, body, {
    ...bearer(token),
    'content-type': contentType,
  });
  expect(response.status).toBe(422);
  return response.json();
}

describe('422 bodies, as FastAPI with pydantic v2 sends them', () => {
  it("reports invalid JSON with Python's message and position", async () => {
    expect(await post422('/chat', '{"sid": "a", "prompt": }')).toEqual({
      detail: [
        {
          type: 'json_invalid',
          loc: ['body', 23],
          msg: 'JSON decode error',
          input: {},
          ctx: { error: 'Expecting value' },
        },
      ],
    });
  });

  it('lists every missing field, with the whole body as input', async () => {
    expect(await post422('/chat', { extra: 1 })).toEqual({
      detail: [
        { type: 'missing', loc: ['body', 'sid'], msg: 'Field required', input: { extra: 1 } },
        { type: 'missing', loc: ['body', 'prompt'], msg: 'Field required', input: { extra: 1 } },
      ],
    });
    expect(await post422('/get-session-code', {})).toEqual({
      detail: [
        { type: 'missing', loc: ['body', 'sid'], msg: 'Field required', input: {} },
        { type: 'missing', loc: ['body', 'github_username'], msg: 'Field required', input: {} },
      ],
    });
  });

  it('reports wrongly typed fields, each with its input', async () => {
    expect(await post422('/chat', { sid: 42, prompt: null })).toEqual({
      detail: [
        {
          type: 'string_type',
          loc: ['body', 'sid'],
          msg: 'Input should be a valid string',
          input: 42,
        },
        {
          type: 'string_type',
          loc: ['body', 'prompt'],
          msg: 'Input should be a valid string',
          input: null,
        },
      ],
    });
  });

  it('reports an unknown agent as an enum error listing the three agents', async () => {
    const { sid } = await openSession(url);
    const expected = "'GeneralCodingAgent', 'RepoAgent' or 'FrontEndAgent'";
    expect(await post422('/chat', { sid, prompt: 'hi', agent: 'CodeActAgent' })).toEqual({
      detail: [
        {
          type: 'enum',
          loc: ['body', 'agent'],
          msg: `Input should be ${expected}`,
          input: 'CodeActAgent',
          ctx: { expected },
        },
      ],
    });
  });

  it('mixes kinds in field order', async () => {
    const body = { prompt: 7, agent: 'X' };
    const { detail } = await post422('/chat', body);
    expect(detail.map((d: { type: string; loc: unknown[] }) => [d.type, d.loc[1]])).toEqual([
      ['missing', 'sid'],
      ['string_type', 'prompt'],
      ['enum', 'agent'],
    ]);
  });

  it('reports a body that is not an object', async () => {
    expect(await post422('/chat', [1, 2])).toEqual({
      detail: [
        {
          type: 'model_attributes_type',
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          input: [1, 2],
        },
      ],
    });
  });

  it('treats a non-JSON content type as raw text, as FastAPI does', async () => {
    expect(await post422('/chat', 'sid=1', 'text/plain')).toEqual({
      detail: [
        {
          type: 'model_attributes_type',
          loc: ['body'],
          msg: 'Input should be a valid dictionary or object to extract fields from',
          input: 'sid=1',
        },
      ],
    });
  });

  it('reports a missing body', async () => {
    const response = await fetch(`${url}/chat`, { method: 'POST', headers: bearer(token) });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      detail: [{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }],
    });
  });

  it('checks JSON syntax before credentials, and credentials before fields', async () => {
    const noToken = { 'content-type': 'application/json' };
    expect((await postJson(url, '/chat', '{', noToken)).status).toBe(422);
    expect((await postJson(url, '/chat', {}, noToken)).status).toBe(401);
  });
});

describe('findPythonJsonError', () => {
  it.each([
    ['', 'Expecting value', 0],
    ['{', 'Expecting property name enclosed in double quotes', 1],
    ['{"a" 1}', "Expecting ':' delimiter", 5],
    ['{"a": 1 "b": 2}', "Expecting ',' delimiter", 8],
    ['{"a": 1,}', 'Expecting property name enclosed in double quotes', 8],
    ['[1,]', 'Expecting value', 3],
    ['{"a": 1} x', 'Extra data', 9],
    ['{"a": "b', 'Unterminated string starting at', 6],
    ['{"a": "b\nc"}', 'Invalid control character at', 8],
    ['"\\x"', 'Invalid \\escape', 1],
    ['{"a": tru}', 'Expecting value', 6],
  ])('%j → %s at %i', (text, msg, pos) => {
    expect(findPythonJsonError(text)).toEqual({ msg, pos });
  });

  it('finds nothing wrong with valid JSON', () => {
    expect(findPythonJsonError(' {"a": [1, -2.5e3, true, null, "é\\u00e9"]} ')).toBeUndefined();
  });
});
