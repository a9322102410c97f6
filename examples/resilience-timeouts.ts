/**
 * Timeouts and abort. `first_token_ms` gives a stream's candidate that long to produce its first
 * content; when it expires the chain moves on (nothing reached the caller yet). `total_ms` bounds
 * the whole call. An AbortSignal from the caller cancels every attempt and every pending wait.
 * Run: npx tsx examples/resilience-timeouts.ts
 */
import { fileURLToPath } from 'node:url';
import { isSwitchyardError, MockProvider, Switchyard } from '../src/index.js';

export async function main(print: (line: string) => void = console.log) {
  const sy = new Switchyard({
    customProviders: [
      // Headers at once, then silence for 10 s before the first token.
      new MockProvider({ id: 'slow', defaultReply: { text: 'late', firstChunkDelayMs: 10_000 } }),
      new MockProvider({ id: 'quick' }),
    ],
    config: {
      aliases: { smart: ['slow/model', 'quick/model'] },
      policies: {
        retry: { max_retries: 0 },
        timeouts: { first_token_ms: '50ms', idle_ms: '5s', attempt_ms: '30s', total_ms: '1m' },
      },
    },
  });

  const stream = sy.stream({ model: 'smart', messages: [{ role: 'user', content: 'Hi' }] });
  const result = await stream.result;
  for (const a of result.attempts ?? []) print(`${a.deploymentId}: ${a.outcome} ${a.errorKind ?? ''}`.trim());
  print(`answer: ${result.text}`);

  // The caller gives up after 20 ms: the call ends with `aborted`, and no fallback is tried.
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 20);
  let aborted = '';
  try {
    await sy.chat({
      model: 'slow/model',
      messages: [{ role: 'user', content: 'Hi' }],
      signal: controller.signal,
    });
  } catch (error) {
    aborted = isSwitchyardError(error) ? error.kind : String(error);
  }
  print(`the abandoned call ended with: ${aborted}`);
  return { result, aborted };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
