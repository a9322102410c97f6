import type { CatalogEntry } from './catalog-entry.js';
import { CAPABILITIES } from './model-capability.js';

/**
 * Windows the way vendors write them: whichever of decimal or binary units gives a whole number
 * (128000 -> "128K", 131072 -> "128K", 1048576 -> "1M"), else decimal rounded (1047576 -> "1.05M").
 */
export function formatTokenCount(tokens: number | undefined): string {
  if (tokens === undefined || tokens === 0) return '-';
  const units: Array<[number, string]> = [
    [1_000_000, 'M'],
    [1024 * 1024, 'M'],
    [1000, 'K'],
    [1024, 'K'],
  ];
  for (const [size, suffix] of units)
    if (tokens >= size && tokens % size === 0) return `${tokens / size}${suffix}`;
  if (tokens >= 1_000_000) return `${Number((tokens / 1_000_000).toFixed(2))}M`;
  if (tokens >= 1000) return `${Number((tokens / 1000).toFixed(1))}K`;
  return String(tokens);
}

/** An entry's price cell: the exact decimal, starred when the source did not confirm it. */
function price(entry: CatalogEntry, value: { toString(): string }): string {
  return `${value.toString()}${entry.unconfirmed.includes('prices') ? '*' : ''}`;
}

/** The rows of `switchyard models --capability ...`: one line per model. */
export function catalogTableRows(entries: CatalogEntry[]): { header: string[]; rows: string[][] } {
  const header = ['MODEL', 'CONTEXT', 'MAX OUT', '$/M IN', '$/M CACHED', '$/M OUT', 'CAPABILITIES'];
  const rows = entries.map((entry) => [
    `${entry.provider}/${entry.id}`,
    formatTokenCount(entry.contextWindow) +
      (entry.extendedContextWindow ? ` (${formatTokenCount(entry.extendedContextWindow)})` : ''),
    formatTokenCount(entry.maxOutputTokens),
    price(entry, entry.prices.input),
    entry.prices.cachedInput.equals(entry.prices.input) ? '-' : price(entry, entry.prices.cachedInput),
    entry.mode === 'embedding' ? '-' : price(entry, entry.prices.output),
    entry.capabilities.join(','),
  ]);
  return { header, rows };
}

/** The rows of `switchyard models --compare a b c`: one column per model, one row per fact. */
export function catalogComparisonRows(entries: CatalogEntry[]): { header: string[]; rows: string[][] } {
  const header = ['', ...entries.map((entry) => `${entry.provider}/${entry.id}`)];
  const row = (label: string, cell: (entry: CatalogEntry) => string) => [label, ...entries.map(cell)];
  const cacheWrite = (entry: CatalogEntry) =>
    entry.prices.cacheWrite.equals(entry.prices.input) ? '-' : price(entry, entry.prices.cacheWrite);
  const rows = [
    row('mode', (e) => e.mode),
    row('context', (e) => formatTokenCount(e.contextWindow)),
    row('context on request', (e) => formatTokenCount(e.extendedContextWindow)),
    row('max output', (e) => formatTokenCount(e.maxOutputTokens)),
    row('$/M input', (e) => price(e, e.prices.input)),
    row('$/M cached input', (e) =>
      e.prices.cachedInput.equals(e.prices.input) ? '-' : price(e, e.prices.cachedInput),
    ),
    row('$/M cache write', cacheWrite),
    row('$/M output', (e) => (e.mode === 'embedding' ? '-' : price(e, e.prices.output))),
    row(
      'higher tiers',
      (e) =>
        e.prices.tiers
          .map((t) => `>${formatTokenCount(t.aboveInputTokens)}: ${t.input}/${t.output}`)
          .join('; ') || '-',
    ),
    ...CAPABILITIES.map((capability) =>
      row(capability, (e) => (e.capabilities.includes(capability) ? 'yes' : '-')),
    ),
    row('input', (e) => e.modalities.input.join(',')),
    row('output', (e) => e.modalities.output.join(',')),
    row('deprecation', (e) => e.deprecationDate ?? '-'),
    row('price checked', (e) => e.source.checked),
    row('unconfirmed', (e) => e.unconfirmed.join(',') || '-'),
  ];
  return { header, rows };
}
