import type { LedgerConfig } from '../../config/ledger-cache-schema.js';
import type { Ledger } from './ledger.js';
import { ledgerLocation } from './ledger-location.js';
import { MemoryLedger } from './memory-ledger.js';
import { SqliteLedger } from './sqlite-ledger.js';

/**
 * The ledger the `ledger:` config section asks for: none when disabled, rows in the process for
 * `:memory:`, else the SQLite file (SWITCHYARD_LEDGER, the configured path, or the default).
 */
export function openLedger(
  config: LedgerConfig = {},
  options: { env?: Record<string, string | undefined>; cwd?: string } = {},
): Ledger | undefined {
  if (config.enabled === false) return undefined;
  if (config.path === ':memory:') return new MemoryLedger();
  const path = ledgerLocation({
    env: options.env,
    configured: config.path,
    cwd: options.cwd ?? process.cwd(),
  });
  return new SqliteLedger({ path, durability: config.durability, commitDelayMs: config.commitDelayMs });
}
