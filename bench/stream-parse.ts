/**
 * bench/stream-parse: CPU time of this (consuming) process to read a 2,000-chunk OpenAI stream from a
 * mock server in another process, through Switchyard's `stream`, the official `openai` SDK, the Vercel AI
 * SDK, and a floor of plain fetch + line split + JSON.parse. Contenders are interleaved round by round
 * so machine noise hits them alike; the table reports medians and ratios to the floor.
 * Run: npx tsx bench/stream-parse.ts [rounds=30] [chunks=2000]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { streamText } from 'ai';
import OpenAI from 'openai';
import { createOpenAICompatibleProvider } from '../src/providers/openai-compatible/create-openai-compatible-provider.js';
import { median } from './support/median.js';

const rounds = Number(process.argv[2] ?? 30);
const chunks = Number(process.argv[3] ?? 2000);
const messages = [{ role: 'user' as const, content: 'benchmark' }];

async function startServer(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/support/openai-stream-server.ts', String(chunks)],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = /PORT (\d+)/.exec(line.toString())?.[1];
  if (!port) throw new Error(`server did not start: ${line}`);
  return { baseUrl: `http://127.0.0.1:${port}/v1`, stop: () => child.kill() };
}

type Contender = { name: string; run: () => Promise<number> };

function contenders(baseUrl: string): Contender[] {
  const switchyard = createOpenAICompatibleProvider({ id: 'bench', baseUrl, apiKey: 'bench-key' });
  const openai = new OpenAI({ baseURL: baseUrl, apiKey: 'bench-key', maxRetries: 0 });
  const aiSdk = createOpenAICompatible({ name: 'bench', baseURL: baseUrl, apiKey: 'bench-key' });
  return [
    {
      name: 'floor (fetch + split + JSON.parse)',
      async run() {
        const response = await fetch(`${baseUrl}/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer bench-key' },
          body: JSON.stringify({ model: 'gpt-4o-mini', messages, stream: true }),
        });
        const reader = response.body!.getReader();
        const decoder = new TextDecoder();
        let pending = '';
        let pieces = 0;
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          pending += decoder.decode(value, { stream: true });
          const lines = pending.split('\n');
          pending = lines.pop()!;
          for (const line of lines) {
            if (!line.startsWith('data: ') || line === 'data: [DONE]') continue;
            const chunk = JSON.parse(line.slice(6));
            if (chunk.choices[0]?.delta?.content) pieces++;
          }
        }
        return pieces;
      },
    },
    {
      name: 'switchyard stream',
      async run() {
        let pieces = 0;
        for await (const event of switchyard.stream({ model: 'gpt-4o-mini', messages })) {
          if (event.type === 'text-delta') pieces++;
          else if (event.type === 'error') throw event.error;
        }
        return pieces;
      },
    },
    {
      name: 'openai SDK',
      async run() {
        let pieces = 0;
        const stream = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
        for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) pieces++;
        return pieces;
      },
    },
    {
      name: 'Vercel AI SDK',
      async run() {
        let pieces = 0;
        const result = streamText({ model: aiSdk.chatModel('gpt-4o-mini'), messages });
        for await (const piece of result.textStream) if (piece) pieces++;
        return pieces;
      },
    },
  ];
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

async function main(): Promise<void> {
  const server = await startServer();
  try {
    const all = contenders(server.baseUrl);
    const samples = new Map(all.map((c) => [c.name, [] as number[]]));
    for (const contender of all) {
      for (let i = 0; i < 5; i++) {
        const pieces = await contender.run();
        if (pieces < chunks * 0.99) throw new Error(`${contender.name} read ${pieces} of ${chunks} chunks`);
      }
    }
    for (let round = 0; round < rounds; round++) {
      // Rotate the order each round so no contender always runs right after the same neighbour.
      const order = all.map((_, i) => all[(i + round) % all.length]!);
      for (const contender of order) {
        const before = cpuMicros();
        await contender.run();
        samples.get(contender.name)!.push(cpuMicros() - before);
      }
    }
    const floor = median(samples.get(all[0]!.name)!);
    console.log(
      `stream-parse: ${chunks}-chunk OpenAI stream, ${rounds} interleaved rounds, node ${process.version}`,
    );
    console.log('contender'.padEnd(36), 'median CPU ms'.padStart(14), 'x floor'.padStart(9));
    for (const contender of all) {
      const m = median(samples.get(contender.name)!);
      console.log(
        contender.name.padEnd(36),
        (m / 1000).toFixed(2).padStart(14),
        (m / floor).toFixed(2).padStart(9),
      );
    }
  } finally {
    server.stop();
  }
}

await main();
