/**
 * Hedging and load balancing. The `review` route is hedged: when its first candidate has produced
 * no token after `delay_ms`, the next starts too; the first to answer wins and the other is
 * cancelled. The `pool` alias is one step of two equivalent deployments spread round-robin.
 * Run: npx tsx examples/resilience-hedging-balancing.ts
 */
import { fileURLToPath } from 'node:url';
import { MockProvider, Switchyard } from '../src/index.js';

export async function main(print: (line: string) => void = console.log) {
  const sy = new Switchyard({
    customProviders: [
      new MockProvider({ id: 'slow', defaultReply: { text: 'slow answer', delayMs: 5_000 } }),
      new MockProvider({ id: 'fast', defaultReply: { text: 'fast answer' } }),
      new MockProvider({ id: 'east' }),
      new MockProvider({ id: 'west' }),
    ],
    config: {
      routes: {
        review: {
          chain: ['slow/model', 'fast/model'],
          policies: { hedge: { delay_ms: '30ms', max_parallel: 2 } },
        },
      },
      aliases: { pool: { chain: [['east/model', 'west/model']], balancing: 'round-robin' } },
    },
  });
  sy.events.on('hedge', (e) => print(`hedge ${e.phase}: ${e.deploymentId}`));

  const hedged = await sy.chat({ model: 'review', messages: [{ role: 'user', content: 'Review this.' }] });
  print(`review answered by ${hedged.provider}: ${hedged.text}`);

  const served: string[] = [];
  for (let i = 0; i < 4; i++) {
    served.push((await sy.chat({ model: 'pool', messages: [{ role: 'user', content: 'hi' }] })).provider);
  }
  print(`pool served by: ${served.join(', ')}`);
  return { hedged, served };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
