/**
 * A circuit breaker per deployment: after `failure_threshold` consecutive unhealthy failures
 * (429, 5xx, timeouts, network errors) the circuit opens, and later calls skip that deployment at
 * once, without a request, until `reset_timeout` lets one probe through. `sy.health()` reports it.
 * Run: npx tsx examples/resilience-circuit-breaker.ts
 */
import { fileURLToPath } from 'node:url';
import { MockProvider, Switchyard } from '../src/index.js';

export async function main(print: (line: string) => void = console.log) {
  const flaky = new MockProvider({
    id: 'flaky',
    replies: [{ error: { status: 500 } }, { error: { status: 500 } }],
  });
  const sy = new Switchyard({
    customProviders: [flaky, new MockProvider({ id: 'steady' })],
    config: {
      aliases: { smart: ['flaky/model-a', 'steady/model-b'] },
      policies: {
        retry: { max_retries: 0 },
        circuit_breaker: { failure_threshold: 2, reset_timeout: 30 },
      },
    },
  });
  sy.events.on('breaker-state', (e) =>
    print(`circuit ${e.deploymentId}: ${e.from} -> ${e.to} (${e.reason})`),
  );

  const outcomes: string[][] = [];
  for (let call = 1; call <= 3; call++) {
    const result = await sy.chat({ model: 'smart', messages: [{ role: 'user', content: `call ${call}` }] });
    const line = (result.attempts ?? []).map((a) => `${a.deploymentId} ${a.outcome}`);
    outcomes.push(line);
    print(`call ${call}: ${line.join(', ')}`);
  }
  const health = await sy.health();
  const row = health.providers.find((p) => p.provider === 'flaky');
  print(`flaky is ${row?.status}: ${row?.reason}`);
  return { outcomes, requestsToFlaky: flaky.requests.length, health };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
