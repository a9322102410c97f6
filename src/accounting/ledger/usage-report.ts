import { formatTable } from '../../cli/format-table.js';
import { Money } from '../money.js';
import type { LedgerGroupBy, UsageTotals } from './ledger-row.js';
import { emptyTotals } from './sum-rows.js';

const COLUMNS: Array<[string, keyof UsageTotals]> = [
  ['requests', 'requests'],
  ['errors', 'errors'],
  ['cache_hits', 'cacheHits'],
  ['input_tokens', 'inputTokens'],
  ['output_tokens', 'outputTokens'],
  ['cached_input_tokens', 'cachedInputTokens'],
  ['cache_write_tokens', 'cacheWriteTokens'],
  ['reasoning_tokens', 'reasoningTokens'],
  ['cost_usd', 'cost'],
];

/** The sum of every group: the report's last line. */
export function grandTotal(totals: UsageTotals[]): UsageTotals {
  const sum = emptyTotals('TOTAL');
  let cost = Money.ZERO;
  for (const t of totals) {
    for (const [, field] of COLUMNS) if (field !== 'cost') (sum[field] as number) += t[field] as number;
    cost = cost.plus(Money.parse(t.cost));
  }
  return { ...sum, cost: cost.toString() };
}

/** An aligned table with a TOTAL line; cost rounded to micro-dollars for reading. */
export function usageTable(groupBy: LedgerGroupBy, totals: UsageTotals[]): string {
  if (totals.length === 0) return 'no calls recorded in this period\n';
  const header = [groupBy.toUpperCase(), ...COLUMNS.map(([name]) => name.replace(/_/g, ' ').toUpperCase())];
  const line = (t: UsageTotals) => [
    t.group,
    ...COLUMNS.map(([, field]) =>
      field === 'cost' ? `$${Money.parse(t.cost).toFixed(6)}` : String(t[field]),
    ),
  ];
  return formatTable(header, [...totals.map(line), line(grandTotal(totals))]);
}

/** RFC 4180 CSV with exact costs, one line per group, no total (spreadsheets sum it themselves). */
export function usageCsv(groupBy: LedgerGroupBy, totals: UsageTotals[]): string {
  const lines = [[groupBy, ...COLUMNS.map(([name]) => name)].join(',')];
  for (const t of totals)
    lines.push([csvCell(t.group), ...COLUMNS.map(([, field]) => String(t[field]))].join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
