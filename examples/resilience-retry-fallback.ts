/**
 * Retries, then fallback: `smart` tries openai, then anthropic. A 429 with `retry-after: 1` is
 * retried after the provider's hint; a 503 twice uses up openai's retry budget and the chain moves
 * on. The events show each step; the result lists every attempt.
 * Run: npx tsx examples/resilience-retry-fallback.ts
 */
import { fileURLToPath } from 'node:url';
import { type ChatResult, MockProvider, Switchyard, type SwitchyardOptions } from '../src/index.js';

export interface RetryFallbackExampleOptions {
  /** Replaces the scripted providers (e.g. real ones, or mock servers through `env`). */
  switchyard?: Omit<SwitchyardOptions, 'config'>;
  print?: (line: string) => void;
}

export async function main(options: RetryFallbackExampleOptions = {}): Promise<ChatResult> {
  const print = options.print ?? console.log;
  const sy = new Switchyard({
    // Without real keys, scripted stand-ins named like the real providers.
    customProviders: [
      new MockProvider({
        id: 'openai',
        replies: [
          { error: { status: 429, headers: { 'retry-after': '1' } } },
          { error: { status: 503 } },
          { error: { status: 503 } },
        ],
      }),
      new MockProvider({ id: 'anthropic', replies: [{ text: 'Hello from the fallback.' }] }),
    ],
    ...options.switchyard,
    config: {
      aliases: { smart: ['openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5'] },
      policies: {
        retry: { max_retries: 2, initial_delay_ms: '10ms', max_retry_after_ms: '5s' },
      },
    },
  });
  sy.events.on('retry', (e) =>
    print(`retry ${e.retry} of ${e.deploymentId} in ${e.delayMs} ms (${e.reason})`),
  );
  sy.events.on('fallback', (e) => print(`fallback ${e.from} -> ${e.to ?? 'nothing'} (${e.reason})`));

  const result = await sy.chat({ model: 'smart', messages: [{ role: 'user', content: 'Hello' }] });
  for (const a of result.attempts ?? []) {
    print(`${a.deploymentId}: ${a.outcome}${a.errorKind ? ` ${a.errorKind}` : ''}, ${a.retries} retries`);
  }
  print(`answer: ${result.text}`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
