/**
 * A tool loop: the model asks for `get_weather`, we run it locally and send the result back, until
 * the model answers in text. The same code works for every provider with tools.
 * Run: npx tsx examples/tools.ts [provider/model]
 */
import { fileURLToPath } from 'node:url';
import { type ChatResult, type Message, Switchyard, type ToolDefinition } from '../src/index.js';

const tools: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
];

/** The local implementation the model calls. */
function getWeather(input: { city?: string }): { city: string; celsius: number; sky: string } {
  return { city: input.city ?? 'unknown', celsius: 18, sky: 'clear' };
}

export interface ToolsExampleOptions {
  switchyard?: Switchyard;
  model?: string;
  print?: (line: string) => void;
  /** Stop after this many model turns, whatever the model wants. */
  maxTurns?: number;
}

export async function main(options: ToolsExampleOptions = {}): Promise<ChatResult> {
  const sy = options.switchyard ?? new Switchyard();
  const print = options.print ?? console.log;
  const messages: Message[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
  for (let turn = 0; turn < (options.maxTurns ?? 4); turn++) {
    const result = await sy.chat({ model: options.model ?? 'mock/echo', messages, tools });
    if (result.finishReason !== 'tool_calls') {
      print(result.text);
      return result;
    }
    messages.push({
      role: 'assistant',
      content: [
        ...(result.text ? [{ type: 'text' as const, text: result.text }] : []),
        ...result.toolCalls.map((call) => ({
          type: 'tool-call' as const,
          id: call.id,
          name: call.name,
          input: call.input,
          signature: call.signature,
        })),
      ],
    });
    for (const call of result.toolCalls) {
      print(`tool ${call.name}(${call.arguments})`);
      const output =
        call.name === 'get_weather' ? getWeather(call.input as { city?: string }) : { error: 'unknown tool' };
      messages.push({
        role: 'tool',
        toolCallId: call.id,
        toolName: call.name,
        content: JSON.stringify(output),
      });
    }
  }
  throw new Error('the model kept calling tools; giving up');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main({ model: process.argv[2] });
