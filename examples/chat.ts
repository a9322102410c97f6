/**
 * One chat call: a system instruction, a question, and what comes back besides the text (usage,
 * finish reason, latency). Run: npx tsx examples/chat.ts [provider/model]   (default mock/echo)
 */
import { fileURLToPath } from 'node:url';
import { type ChatResult, Switchyard } from '../src/index.js';

export interface ExampleOptions {
  switchyard?: Switchyard;
  model?: string;
  print?: (line: string) => void;
}

export async function main(options: ExampleOptions = {}): Promise<ChatResult> {
  const sy = options.switchyard ?? new Switchyard();
  const print = options.print ?? console.log;
  const result = await sy.chat({
    model: options.model ?? 'mock/echo',
    messages: [
      { role: 'system', content: 'Answer in one short sentence.' },
      { role: 'user', content: 'What is a railway switchyard?' },
    ],
    temperature: 0.2,
    maxOutputTokens: 100,
  });
  print(result.text);
  const { inputTokens, outputTokens } = result.usage;
  print(`${result.provider}/${result.model}: ${inputTokens} in, ${outputTokens} out, ${result.finishReason}`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main({ model: process.argv[2] });
