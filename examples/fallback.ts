/**
 * A fallback chain from config: the alias `smart` tries each model in order, retrying what may pass
 * on a second try and moving on when another deployment may succeed (rate limits, overloads,
 * outages, an unconfigured provider). A bad request stops the chain, since every provider would
 * refuse it. The result lists every attempt.
 * Run: npx tsx examples/fallback.ts
 */
import { fileURLToPath } from 'node:url';
import { type ChatResult, Switchyard, type SwitchyardOptions } from '../src/index.js';

export interface FallbackExampleOptions {
  /** Extra client options (custom providers, env); the chain below is always applied. */
  switchyard?: Omit<SwitchyardOptions, 'config'>;
  models?: string[];
  print?: (line: string) => void;
}

export async function main(options: FallbackExampleOptions = {}): Promise<ChatResult> {
  const print = options.print ?? console.log;
  const models = options.models ?? ['anthropic/claude-sonnet-4-5', 'openai/gpt-4o-mini', 'mock/echo'];
  const sy = new Switchyard({
    ...options.switchyard,
    config: {
      aliases: { smart: { chain: models } },
      policies: { retry: { max_retries: 1, initial_delay_ms: 10 } },
    },
  });
  const result = await sy.chat({ model: 'smart', messages: [{ role: 'user', content: 'Hello' }] });
  for (const attempt of result.attempts ?? []) {
    print(`${attempt.deploymentId}: ${attempt.outcome}${attempt.errorKind ? ` (${attempt.errorKind})` : ''}`);
  }
  print(`answer: ${result.text}`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
