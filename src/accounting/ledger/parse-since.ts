const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * Reads a `--since` value as milliseconds since the epoch: a span back from `now` (`30m`, `24h`,
 * `7d`, `2w`), a date (`2025-06-01`, taken as UTC midnight) or a full ISO time, or `all`.
 * Undefined when the text is none of those.
 */
export function parseSince(text: string, now: number = Date.now()): number | undefined {
  const value = text.trim();
  if (value === 'all') return 0;
  const span = /^(\d+)([mhdw])$/.exec(value);
  if (span) return now - Number(span[1]) * UNITS[span[2]!]!;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const at = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(at) ? undefined : at;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : at;
  }
  return undefined;
}

export const SINCE_EXPECTED = 'a span such as 30m, 24h, 7d or 2w, a date such as 2025-06-01, or all';
