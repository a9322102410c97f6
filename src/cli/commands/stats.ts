import { ledgerStats } from '../../analytics/ledger-stats.js';
import { statsTable } from '../../analytics/stats-table.js';
import type { CliCommand } from '../cli-command.js';
import { openLedgerForReading, sinceOption } from './usage.js';

/** `switchyard stats --since 24h`: per provider and model health and speed, from the ledger. */
export const statsCommand: CliCommand = {
  name: 'stats',
  register(program, context) {
    program
      .command('stats')
      .description('per provider and model: requests, errors, fallback and cache rates, latency, speed, cost')
      .option('--since <when>', 'from when: 30m, 24h, 7d, 2w, a date (2025-06-01) or all', '24h')
      .option('--by-provider', 'one line per provider instead of per model')
      .option(
        '--ledger <path>',
        'ledger file (default: SWITCHYARD_LEDGER, ledger.path in the config, or ./.switchyard/ledger.db)',
      )
      .option('--json', 'print JSON (providers and models)')
      .action(async (options: { since: string; byProvider?: boolean; ledger?: string; json?: boolean }) => {
        const since = sinceOption(options.since);
        const ledger = openLedgerForReading(context, options.ledger);
        try {
          const stats = await ledgerStats(ledger, since);
          if (options.json) {
            context.stdout.write(
              `${JSON.stringify({ since: new Date(since).toISOString(), ...stats }, null, 2)}\n`,
            );
          } else context.stdout.write(statsTable(options.byProvider ? stats.providers : stats.models));
        } finally {
          await ledger.close();
        }
      });
  },
};
