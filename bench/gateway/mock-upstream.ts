/**
 * The fast upstream: a tiny OpenAI-compatible server answering at once. Non-stream: one JSON
 * completion. Stream: 20 `chat.completion.chunk` frames (role, 18 words, finish), the usage chunk
 * when asked, `[DONE]`. Model `hold`: one chunk, then the stream stays open (the RSS round).
 * Run as its own process: `node --import tsx bench/gateway/mock-upstream.ts` prints its port.
 */
import { createServer } from 'node:http';

const WORDS =
  'The quick brown fox jumps over the lazy dog while the patient gateway counts every token it forwards'.split(
    ' ',
  );

function chunk(id: string, model: string, delta: object, finish: string | null, usage?: boolean): string {
  const body: Record<string, unknown> = {
    id,
    object: 'chat.completion.chunk',
    created: 1_735_689_600,
    model,
    system_fingerprint: 'fp_bench',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  };
  if (usage) body.usage = null;
  return `data: ${JSON.stringify(body)}\n\n`;
}

let counter = 0;
const server = createServer((req, res) => {
  const parts: Buffer[] = [];
  req.on('data', (part: Buffer) => parts.push(part));
  req.on('end', () => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'bench' }] }),
      );
      return;
    }
    const body = JSON.parse(Buffer.concat(parts).toString('utf8') || '{}') as {
      model?: string;
      stream?: boolean;
      stream_options?: { include_usage?: boolean };
    };
    const model = body.model ?? 'gpt-4o-mini';
    const id = `chatcmpl-bench${++counter}`;
    const usage = { prompt_tokens: 12, completion_tokens: 18, total_tokens: 30 };
    if (!body.stream) {
      const text = JSON.stringify({
        id,
        object: 'chat.completion',
        created: 1_735_689_600,
        model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: WORDS.join(' '), refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage,
      });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
      return;
    }
    const withUsage = body.stream_options?.include_usage === true;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write(chunk(id, model, { role: 'assistant', content: '' }, null, withUsage));
    if (model === 'hold') {
      // One content chunk (a gateway answers at the first content), then held open until the client goes.
      res.write(chunk(id, model, { content: WORDS[0] }, null, withUsage));
      return;
    }
    for (let i = 0; i < WORDS.length; i++) {
      res.write(chunk(id, model, { content: i === 0 ? WORDS[i] : ` ${WORDS[i]}` }, null, withUsage));
    }
    res.write(chunk(id, model, {}, 'stop', withUsage));
    if (withUsage) {
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_735_689_600, model, choices: [], usage })}\n\n`,
      );
    }
    res.end('data: [DONE]\n\n');
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  if (address && typeof address === 'object') process.stdout.write(`${address.port}\n`);
});
