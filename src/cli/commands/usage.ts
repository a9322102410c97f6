import { existsSync } from 'node:fs';
import { Option } from 'commander';
import { ledgerLocation } from '../../accounting/ledger/ledger-location.js';
import { LEDGER_GROUPS, type LedgerGroupBy } from '../../accounting/ledger/ledger-row.js';
import { parseSince, SINCE_EXPECTED } from '../../accounting/ledger/parse-since.js';
import { SqliteLedger } from '../../accounting/ledger/sqlite-ledger.js';
import { grandTotal, usageCsv, usageTable } from '../../accounting/ledger/usage-report.js';
import type { CliCommand } from '../cli-command.js';
import { type CliContext, cliConfig } from '../cli-context.js';
import { CliError } from '../cli-error.js';

/** `switchyard usage --by provider --since 7d`: totals from the ledger as a table, CSV or JSON. */
export const usageCommand: CliCommand = {
  name: 'usage',
  register(program, context) {
    program
      .command('usage')
      .description('totals of recorded calls from the ledger: requests, tokens and exact cost')
      .addOption(new Option('--by <group>', 'group by').choices([...LEDGER_GROUPS]).default('provider'))
      .option('--since <when>', 'from when: 30m, 24h, 7d, 2w, a date (2025-06-01) or all', '7d')
      .option(
        '--ledger <path>',
        'ledger file (default: SWITCHYARD_LEDGER, ledger.path in the config, or ./.switchyard/ledger.db)',
      )
      .option('--csv', 'print CSV with exact costs')
      .option('--json', 'print JSON with exact costs')
      .action(
        async (options: {
          by: LedgerGroupBy;
          since: string;
          ledger?: string;
          csv?: boolean;
          json?: boolean;
        }) => {
          const since = sinceOption(options.since);
          const ledger = openLedgerForReading(context, options.ledger);
          try {
            const totals = await ledger.totals(options.by, since);
            if (options.json) {
              const report = {
                by: options.by,
                since: new Date(since).toISOString(),
                groups: totals,
                total: grandTotal(totals),
              };
              context.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
            } else if (options.csv) context.stdout.write(usageCsv(options.by, totals));
            else context.stdout.write(usageTable(options.by, totals));
          } finally {
            await ledger.close();
          }
        },
      );
  },
};

export function sinceOption(text: string): number {
  const since = parseSince(text);
  if (since === undefined) throw new CliError(`--since '${text}' is not ${SINCE_EXPECTED}`);
  return since;
}

/** Opens the ledger read-only; a missing file is a clear error, not an empty report. */
export function openLedgerForReading(context: CliContext, explicit?: string): SqliteLedger {
  // The config file is read only when no path was given, so `--ledger` works beside a broken config.
  const configured =
    (explicit ?? context.env.SWITCHYARD_LEDGER) !== undefined
      ? undefined
      : cliConfig(context, context.env).ledger.path;
  const path = ledgerLocation({ explicit, env: context.env, configured, cwd: context.cwd });
  if (!existsSync(path)) {
    throw new CliError(`no ledger at ${path}`, {
      hint: 'calls are recorded there once the ledger is enabled; pass --ledger <path> to read another file',
      exitCode: 1,
    });
  }
  return new SqliteLedger({ path, readonly: true });
}
