import type { z } from 'zod';

const EXPECTED: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
};

/** What a value is, without showing it: config values are often secrets. */
export function kindOf(value: unknown): string {
  if (value === null) return 'an empty value (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a whole number' : 'a fractional number';
  return `a ${typeof value}`;
}

/** Marks an unknown-key issue so the caller can expand it per key with the known options. */
export const UNKNOWN_KEYS_MARKER = 'unknown-keys:';

/**
 * Zod error map for the config: every message says what is wrong and what is expected, and never
 * includes the received value (only its kind). Schema-level messages take precedence over this.
 */
export function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `is required; expected ${expected}`;
      return `expected ${expected}, got ${kindOf(issue.input)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${String(issue.values[0])}`
        : `expected one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item(s)`;
      if (issue.origin === 'string') return 'is empty; expected a non-empty string';
      return `expected a number ${issue.inclusive ? 'at least' : 'greater than'} ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `expected at most ${issue.maximum} item(s)`;
      return `expected a number ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}`;
    case 'unrecognized_keys': {
      const shape = (issue.inst as { shape?: Record<string, unknown> } | undefined)?.shape ?? {};
      return `${UNKNOWN_KEYS_MARKER}${Object.keys(shape).join(',')}`;
    }
    case 'invalid_key':
      return 'is not a valid name; expected letters, digits, ".", "_" or "-"';
    default:
      return undefined;
  }
}

/** The closest known option to a mistyped one, if it is close enough to be a likely typo. */
export function closestOption(input: string, options: readonly string[]): string | undefined {
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    const distance = editDistance(input.toLowerCase(), option.toLowerCase());
    if (!best || distance < best.distance) best = { option, distance };
  }
  if (!best) return undefined;
  const tolerance = input.length >= 6 ? Math.max(3, Math.floor(input.length / 3)) : 2;
  return best.distance <= tolerance ? best.option : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
