import { describe, expect, it } from 'vitest';
import { parseSince } from './parse-since.js';

const now = Date.UTC(2025, 5, 10, 15, 30);

describe('parseSince', () => {
  it('reads spans back from now', () => {
    expect(parseSince('30m', now)).toBe(now - 30 * 60_000);
    expect(parseSince('24h', now)).toBe(now - 86_400_000);
    expect(parseSince('7d', now)).toBe(now - 7 * 86_400_000);
    expect(parseSince('2w', now)).toBe(now - 14 * 86_400_000);
  });

  it('reads dates as UTC midnight, ISO times as written, and all as the beginning', () => {
    expect(parseSince('2025-06-01', now)).toBe(Date.UTC(2025, 5, 1));
    expect(parseSince('2025-06-01T08:00:00+02:00', now)).toBe(Date.UTC(2025, 5, 1, 6));
    expect(parseSince('all', now)).toBe(0);
  });

  it('rejects anything else', () => {
    for (const text of ['7', 'd', '7 days', '-1d', '2025-13-45', 'yesterday'])
      expect(parseSince(text, now)).toBeUndefined();
  });
});
