/**
 * The README's library example, line for line between the markers; only the import differs
 * (`'switchyard'` in the README, the source here so it type-checks before a build).
 * readme.test.ts checks the two stay identical, and also runs the README text itself against the
 * built package. Run: npx tsx examples/readme-library.ts
 */
import { fileURLToPath } from 'node:url';
import { Switchyard } from '../src/index.js';

export async function main(): Promise<void> {
  // README:begin
  const sy = new Switchyard(); // providers from the environment, plus the built-in `mock`
  const result = await sy.chat({
    model: 'mock/echo', // or 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5', 'ollama/llama3.1', ...
    messages: [{ role: 'user', content: 'Say hello' }],
  });
  console.log(result.text, result.usage, result.finishReason);

  for await (const event of sy.stream({
    model: 'mock/echo',
    messages: [{ role: 'user', content: 'Stream this' }],
  })) {
    if (event.type === 'text-delta') process.stdout.write(event.text);
  }
  // README:end
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
