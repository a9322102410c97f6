import { Money } from '../money.js';
import { groupOf, type LedgerGroupBy, type LedgerRow, type UsageTotals } from './ledger-row.js';

/** Totals per group over rows in memory, ordered as every ledger orders them. */
export function sumRows(rows: Iterable<LedgerRow>, groupBy: LedgerGroupBy): UsageTotals[] {
  const groups = new Map<string, { totals: UsageTotals; cost: Money }>();
  for (const row of rows) {
    const name = groupOf(row, groupBy);
    let entry = groups.get(name);
    if (!entry) {
      entry = { totals: emptyTotals(name), cost: Money.ZERO };
      groups.set(name, entry);
    }
    const t = entry.totals;
    t.requests++;
    if (row.outcome !== 'ok') t.errors++;
    if (row.cacheHit) t.cacheHits++;
    t.inputTokens += row.inputTokens;
    t.outputTokens += row.outputTokens;
    t.cachedInputTokens += row.cachedInputTokens;
    t.cacheWriteTokens += row.cacheWriteTokens;
    t.reasoningTokens += row.reasoningTokens;
    entry.cost = entry.cost.plus(Money.parse(row.cost));
  }
  return orderTotals(
    [...groups.values()].map(({ totals, cost }) => ({ ...totals, cost: cost.toString() })),
    groupBy,
  );
}

export function emptyTotals(group: string): UsageTotals {
  return {
    group,
    requests: 0,
    errors: 0,
    cacheHits: 0,
    inputTokens: 0,
    outputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cost: '0',
  };
}

/** Days in calendar order; other groups by cost, then requests, then name, largest first. */
export function orderTotals(totals: UsageTotals[], groupBy: LedgerGroupBy): UsageTotals[] {
  if (groupBy === 'day') return totals.sort((a, b) => a.group.localeCompare(b.group));
  return totals.sort(
    (a, b) =>
      Money.parse(b.cost).compare(Money.parse(a.cost)) ||
      b.requests - a.requests ||
      a.group.localeCompare(b.group),
  );
}
