/**
 * Streaming: print text as it arrives, then read the final result (usage, finish reason) from the
 * same stream. A dropped connection ends the loop with an `error` event, never a clean finish.
 * Run: npx tsx examples/stream.ts [provider/model]
 */
import { fileURLToPath } from 'node:url';
import { type ChatResult, Switchyard } from '../src/index.js';

export interface StreamExampleOptions {
  switchyard?: Switchyard;
  model?: string;
  write?: (text: string) => void;
}

export async function main(options: StreamExampleOptions = {}): Promise<ChatResult> {
  const sy = options.switchyard ?? new Switchyard();
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const stream = sy.stream({
    model: options.model ?? 'mock/echo',
    messages: [{ role: 'user', content: 'Name three famous railway stations.' }],
  });
  for await (const event of stream) {
    if (event.type === 'text-delta') write(event.text);
    if (event.type === 'error') throw event.error;
  }
  const result = await stream.result;
  write(`\n[${result.finishReason}, ${result.usage.totalTokens} tokens]\n`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main({ model: process.argv[2] });
