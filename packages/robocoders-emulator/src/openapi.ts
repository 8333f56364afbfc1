import { AGENT_NAMES } from './types.js';

const VALIDATION_ERROR_RESPONSE = {
  description: 'Validation Error',
  content: {
    'application/json': { schema: { $ref: '#/components/schemas/HTTPValidationError' } },
  },
};

const DETAIL_RESPONSE = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/HTTPError' } } },
});

const JSON_BODY = (schema: string) => ({
  required: true,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});

/** The OpenAPI 3.1 description of the Robocoders API, as FastAPI would generate it. */
export function openApiDocument(version: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Robocoders API (local emulator)',
      version,
      description:
        'Hosted coding agents. Get a token from `GET /auth`, create a session, then send prompts to `POST /chat` and read the newline-delimited JSON events.',
    },
    paths: {
      '/auth': {
        get: {
          summary: 'Access token page',
          operationId: 'auth',
          description: 'An HTML page; the token (an HS256 JWT) is the text of `<pre id="token">`.',
          responses: {
            '200': {
              description: 'HTML page with the token',
              content: { 'text/html': { schema: { type: 'string' } } },
            },
          },
        },
      },
      '/create-session': {
        get: {
          summary: 'Create Session',
          operationId: 'create_session',
          security: [{ HTTPBearer: [] }],
          responses: {
            '200': {
              description: 'Successful Response',
              content: {
                'application/json': { schema: { $ref: '#/components/schemas/SessionResponse' } },
              },
            },
            '401': DETAIL_RESPONSE('Missing, invalid, expired or revoked token'),
          },
        },
      },
      '/chat': {
        post: {
          summary: 'Chat',
          operationId: 'chat',
          security: [{ HTTPBearer: [] }],
          requestBody: JSON_BODY('ChatRequest'),
          responses: {
            '200': {
              description:
                'A stream of events, one JSON object per line. The turn ends with an agent `message` whose `args.wait_for_response` is true, or with a `paused` state change when the step budget runs out.',
              content: {
                'application/x-ndjson': { schema: { $ref: '#/components/schemas/Event' } },
              },
            },
            '401': DETAIL_RESPONSE('Missing, invalid, expired or revoked token'),
            '404': DETAIL_RESPONSE('Session not found'),
            '413': DETAIL_RESPONSE('Request body too large'),
            '422': VALIDATION_ERROR_RESPONSE,
          },
        },
      },
      '/get-session-code': {
        post: {
          summary: 'Get Session Code',
          operationId: 'get_session_code',
          security: [{ HTTPBearer: [] }],
          requestBody: JSON_BODY('SessionCodeRequest'),
          responses: {
            '200': {
              description:
                'A git repository of the session workspace as of this call (one commit per call), for git clone',
              content: {
                'application/json': {
                  schema: { $ref: '#/components/schemas/SessionCodeResponse' },
                },
              },
            },
            '401': DETAIL_RESPONSE('Missing, invalid, expired or revoked token'),
            '404': DETAIL_RESPONSE('Session not found'),
            '422': VALIDATION_ERROR_RESPONSE,
          },
        },
      },
    },
    components: {
      securitySchemes: { HTTPBearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        AgentName: { type: 'string', enum: [...AGENT_NAMES], title: 'AgentName' },
        ChatRequest: {
          type: 'object',
          title: 'ChatRequest',
          required: ['sid', 'prompt'],
          properties: {
            sid: { type: 'string', title: 'Sid' },
            prompt: { type: 'string', title: 'Prompt' },
            agent: { $ref: '#/components/schemas/AgentName', default: 'GeneralCodingAgent' },
          },
        },
        SessionCodeRequest: {
          type: 'object',
          title: 'SessionCodeRequest',
          required: ['sid', 'github_username'],
          properties: {
            sid: { type: 'string', title: 'Sid' },
            github_username: { type: 'string', title: 'Github Username' },
          },
        },
        SessionResponse: {
          type: 'object',
          title: 'SessionResponse',
          required: ['sid'],
          properties: { sid: { type: 'string', format: 'uuid', title: 'Sid' } },
        },
        SessionCodeResponse: {
          type: 'object',
          title: 'SessionCodeResponse',
          required: ['repo_url'],
          properties: { repo_url: { type: 'string', format: 'uri', title: 'Repo Url' } },
        },
        Event: {
          type: 'object',
          title: 'Event',
          description:
            'An OpenHands-style event. Actions carry `action` and `args`; observations carry `observation`, `content`, `extras` and usually `cause` (the id of the action they answer).',
          required: ['id', 'timestamp', 'source', 'message', 'sid'],
          properties: {
            id: { type: 'integer', description: 'Increasing within a session' },
            timestamp: { type: 'string', description: 'ISO-8601 without a zone' },
            source: { type: 'string', enum: ['agent', 'user', 'environment'] },
            message: { type: 'string' },
            sid: { type: 'string' },
            action: {
              type: 'string',
              examples: ['message', 'delegate', 'run', 'run_ipython', 'read', 'edit'],
            },
            args: { type: 'object', additionalProperties: true },
            observation: {
              type: 'string',
              examples: [
                'run',
                'run_ipython',
                'read',
                'edit',
                'delegate',
                'error',
                'agent_state_changed',
              ],
            },
            content: { type: 'string' },
            extras: { type: 'object', additionalProperties: true },
            cause: { type: 'integer' },
          },
        },
        HTTPError: {
          type: 'object',
          title: 'HTTPError',
          required: ['detail'],
          properties: { detail: { type: 'string', title: 'Detail' } },
        },
        HTTPValidationError: {
          type: 'object',
          title: 'HTTPValidationError',
          properties: {
            detail: {
              type: 'array',
              items: { $ref: '#/components/schemas/ValidationError' },
              title: 'Detail',
            },
          },
        },
        ValidationError: {
          type: 'object',
          title: 'ValidationError',
          required: ['loc', 'msg', 'type'],
          properties: {
            loc: {
              type: 'array',
              items: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
              title: 'Location',
            },
            msg: { type: 'string', title: 'Message' },
            type: { type: 'string', title: 'Error Type' },
            input: { title: 'Input' },
            ctx: { type: 'object', title: 'Context' },
          },
        },
      },
    },
  };
}
