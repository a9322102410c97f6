import type { Ledger } from '../accounting/ledger/ledger.js';
import type { CallStats } from './call-stats.js';
import { StatsAggregator } from './stats-aggregator.js';

/** Statistics over every row the ledger holds since `since` (ms since the epoch), every sample counted. */
export async function ledgerStats(
  ledger: Ledger,
  since = 0,
): Promise<{ providers: CallStats[]; models: CallStats[] }> {
  const rows = await ledger.query({ since });
  const aggregator = new StatsAggregator({ samples: Math.max(1, rows.length) });
  for (const row of rows) aggregator.add(row);
  return aggregator.stats();
}
