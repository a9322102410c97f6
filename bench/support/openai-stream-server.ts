/**
 * A fast local OpenAI-compatible stream server for benchmarks, run in its own process so its CPU is
 * not counted against the consumer. Serves a precomputed `chunks`-long chat.completion.chunk stream
 * for every POST, written in small writes as a real server flushes tokens.
 * Usage: tsx bench/support/openai-stream-server.ts <chunks>  -> prints `PORT <n>` on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export function openAIStreamFrames(chunks: number): string[] {
  const frames: string[] = [];
  const base = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1_763_700_000,
    model: 'gpt-4o-mini',
  };
  frames.push(
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`,
  );
  for (let i = 0; i < chunks; i++) {
    const delta = { content: ` tok${i % 97}` };
    frames.push(
      `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta, logprobs: null, finish_reason: null }] })}\n\n`,
    );
  }
  frames.push(
    `data: ${JSON.stringify({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
  );
  frames.push(
    `data: ${JSON.stringify({ ...base, choices: [], usage: { prompt_tokens: 12, completion_tokens: chunks, total_tokens: chunks + 12 } })}\n\n`,
  );
  frames.push('data: [DONE]\n\n');
  return frames;
}

if (process.argv[1]?.endsWith('openai-stream-server.ts')) {
  const chunks = Number(process.argv[2] ?? 2000);
  // Group frames into writes of ~10 frames: one TCP segment per few tokens, like a real server.
  const frames = openAIStreamFrames(chunks);
  const writes: Buffer[] = [];
  for (let i = 0; i < frames.length; i += 10) writes.push(Buffer.from(frames.slice(i, i + 10).join('')));
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const write of writes) res.write(write);
      res.end();
    });
  });
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`PORT ${(server.address() as AddressInfo).port}\n`);
  });
}
