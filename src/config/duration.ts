const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Reads a duration as milliseconds: a non-negative number is milliseconds already; a string
 * carries its unit (`500ms`, `30s`, `2m`, `1.5h`, or several parts like `1m30s`). Returns
 * undefined for anything else so the caller can say what was expected.
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text));
  const parts = text.match(/\d+(?:\.\d+)?(?:ms|s|m|h)/g);
  if (!parts || parts.join('') !== text) return undefined;
  let total = 0;
  for (const part of parts) {
    const [, amount, unit] = part.match(/^(\d+(?:\.\d+)?)(ms|s|m|h)$/)!;
    total += Number(amount) * UNITS[unit!]!;
  }
  return Math.round(total);
}

export const DURATION_EXPECTED = 'a duration: milliseconds as a number, or a string such as 500ms, 30s, 2m';
