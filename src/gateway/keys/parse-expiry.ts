const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** A lifetime (`30d`, `12h`, `2w`, `90m`, `45s`) as the epoch ms it ends at, or undefined. */
export function parseLifetime(value: string, now: number): number | undefined {
  const match = /^(\d+)\s*([smhdw])$/.exec(value.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  return amount > 0 ? now + amount * UNIT_MS[match[2]!]! : undefined;
}

/** An ISO 8601 date (`2026-01-31`, `2026-01-31T12:00:00Z`) as epoch ms, or undefined. */
export function parseDate(value: string): number | undefined {
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : at;
}

/** Either form, as `--expires` takes it. */
export function parseExpiry(value: string, now: number): number | undefined {
  return parseLifetime(value, now) ?? parseDate(value);
}
