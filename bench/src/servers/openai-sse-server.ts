import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { benchClosing, benchContent, parseBenchPrompt } from '../bench-text.js';
import { serveInChild } from '../server-process.js';

/**
 * A minimal OpenAI-compatible `/v1/chat/completions` SSE endpoint for the comparison with
 * `@ai-sdk/openai-compatible`. A last user message `bench <count> <bytes>` streams the same
 * deltas the emulator's load mode sends (count deltas of `bytes` characters, then the closing
 * sentence), one write per chunk as the emulator does, honouring backpressure.
 */
function drainOrClose(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

async function handleCompletion(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = '';
  req.setEncoding('utf8');
  for await (const chunk of req) body += chunk;
  const request = JSON.parse(body) as { messages?: { role: string; content: unknown }[] };
  const last = request.messages?.at(-1);
  const prompt = typeof last?.content === 'string' ? last.content : '';
  const bench = parseBenchPrompt(prompt);
  if (!bench) {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'expected a prompt "bench <count> <bytes>"' } }));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  res.socket?.setNoDelay(true);
  let closed = false;
  res.once('close', () => {
    closed = true;
  });
  const base = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'bench',
  };
  const frame = (choice: object, extra: object = {}) =>
    `data: ${JSON.stringify({ ...base, choices: [choice], ...extra })}\n\n`;
  const write = async (text: string) => {
    if (!res.write(text) && !closed) await drainOrClose(res);
  };
  await write(frame({ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }));
  const delta = frame({
    index: 0,
    delta: { content: benchContent(bench.bytes) },
    finish_reason: null,
  });
  for (let i = 0; i < bench.count && !closed; i += 1) await write(delta);
  if (closed) return;
  const closing = benchClosing(bench.count, bench.bytes);
  await write(frame({ index: 0, delta: { content: closing }, finish_reason: null }));
  await write(
    frame(
      { index: 0, delta: {}, finish_reason: 'stop' },
      {
        usage: {
          prompt_tokens: 1,
          completion_tokens: bench.count + 1,
          total_tokens: bench.count + 2,
        },
      },
    ),
  );
  res.end('data: [DONE]\n\n');
}

await serveInChild(async () => {
  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      handleCompletion(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: String(error) } }));
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: 'not found' } }));
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
});
