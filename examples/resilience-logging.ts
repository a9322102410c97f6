/**
 * Logging: give Switchyard a pino logger and every attempt (debug), retry and hedge (info),
 * fallback and breaker change (warn) and failed call (error) is logged as one JSON line, with keys
 * and anything key-shaped redacted, even when a provider echoes a key in its error message.
 * Run: npx tsx examples/resilience-logging.ts
 */
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { MockProvider, Switchyard } from '../src/index.js';

export async function main(destination: Writable | NodeJS.WritableStream = process.stdout) {
  const logger = pino({ level: 'debug' }, destination);
  const sy = new Switchyard({
    logger,
    env: { ACME_API_KEY: 'acme-secret-value-123' },
    customProviders: [
      new MockProvider({
        id: 'acme',
        replies: [{ error: { status: 503, message: 'upstream rejected key acme-secret-value-123' } }],
      }),
      new MockProvider({ id: 'backup' }),
    ],
    config: {
      aliases: { smart: ['acme/model', 'backup/model'] },
      policies: { retry: { max_retries: 0 } },
    },
  });
  return sy.chat({ model: 'smart', messages: [{ role: 'user', content: 'Hello' }] });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
