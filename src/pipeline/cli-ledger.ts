import type { Ledger } from '../accounting/ledger/ledger.js';
import { openLedger } from '../accounting/ledger/open-ledger.js';
import type { SwitchyardConfig } from '../config/switchyard-config.js';
import { LazyLedger } from './lazy-ledger.js';

/**
 * The ledger the CLI and the gateway record to: SQLite at `./.switchyard/ledger.db` (or
 * SWITCHYARD_LEDGER, or the config's `ledger.path`), opened when the first call settles;
 * `false` when the config turns the ledger off.
 */
export function cliLedger(
  config: SwitchyardConfig,
  options: { env: Record<string, string | undefined>; cwd: string },
): Ledger | false {
  if (config.ledger.enabled === false) return false;
  return new LazyLedger(() => openLedger(config.ledger, options)!);
}
