import { Money } from '../accounting/money.js';
import { formatTable } from '../cli/format-table.js';
import type { CallStats } from './call-stats.js';

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const ms = (value: number | undefined) => (value === undefined ? '-' : String(Math.round(value)));

/** One line per provider or model: counts, rates, latency percentiles, speed and cost. */
export function statsTable(lines: CallStats[]): string {
  if (lines.length === 0) return 'no calls recorded in this period\n';
  const header = [
    'PROVIDER/MODEL',
    'REQS',
    'ERR',
    'FALLBACK',
    'CACHE',
    'P50 MS',
    'P95 MS',
    'P99 MS',
    'TTFT P50',
    'TOK/S',
    'COST',
    'ERRORS',
  ];
  const rows = lines.map((s) => [
    s.model === undefined ? s.provider : `${s.provider}/${s.model}`,
    String(s.requests),
    percent(s.requests === 0 ? 0 : s.errors / s.requests),
    percent(s.fallbackRate),
    percent(s.cacheHitRate),
    ms(s.latencyMs?.p50),
    ms(s.latencyMs?.p95),
    ms(s.latencyMs?.p99),
    ms(s.timeToFirstTokenMs?.p50),
    s.tokensPerSecond === undefined ? '-' : s.tokensPerSecond.toFixed(1),
    `$${Money.parse(s.cost).toFixed(6)}`,
    Object.entries(s.errorsByKind)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([kind, count]) => `${kind}:${count}`)
      .join(' ') || '-',
  ]);
  return formatTable(header, rows);
}
