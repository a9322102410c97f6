import { describe, expect, it } from 'vitest';
import { WindowedKey, windowBounds, windowKey } from './time-window.js';

describe('windowBounds', () => {
  it('aligns minutes, hours and days to UTC', () => {
    const now = Date.UTC(2025, 5, 10, 13, 45, 12, 500);
    expect(windowBounds('minute', now)).toEqual({
      start: Date.UTC(2025, 5, 10, 13, 45),
      end: Date.UTC(2025, 5, 10, 13, 46),
    });
    expect(windowBounds('hour', now)).toEqual({
      start: Date.UTC(2025, 5, 10, 13),
      end: Date.UTC(2025, 5, 10, 14),
    });
    expect(windowBounds('day', now)).toEqual({ start: Date.UTC(2025, 5, 10), end: Date.UTC(2025, 5, 11) });
  });

  it('gives months their own lengths, across a leap February and the year end', () => {
    expect(windowBounds('month', Date.UTC(2024, 1, 29, 23, 59))).toEqual({
      start: Date.UTC(2024, 1, 1),
      end: Date.UTC(2024, 2, 1),
    });
    expect(windowBounds('month', Date.UTC(2025, 11, 31, 23, 59, 59, 999))).toEqual({
      start: Date.UTC(2025, 11, 1),
      end: Date.UTC(2026, 0, 1),
    });
    // The first millisecond of a month belongs to it.
    expect(windowBounds('month', Date.UTC(2025, 2, 1)).start).toBe(Date.UTC(2025, 2, 1));
  });

  it('never ends a total', () => {
    expect(windowBounds('total', Date.UTC(2025, 0, 1))).toEqual({ start: 0 });
  });
});

describe('windowKey', () => {
  it('puts the window start in the key and expires it when the window ends', () => {
    const now = Date.UTC(2025, 0, 1, 0, 0, 59, 999);
    expect(windowKey('rl:openai', 'minute', now)).toEqual({
      key: `rl:openai:minute:${Date.UTC(2025, 0, 1)}`,
      expiresAt: Date.UTC(2025, 0, 1, 0, 1),
    });
    expect(windowKey('rl:openai', 'minute', now + 1).key).toBe(
      `rl:openai:minute:${Date.UTC(2025, 0, 1, 0, 1)}`,
    );
    expect(windowKey('budget:x', 'total', now)).toEqual({ key: 'budget:x:total' });
  });
});

describe('WindowedKey', () => {
  it('gives the same key as windowKey, and a new one as each window ends (a clock going back too)', () => {
    const minute = new WindowedKey('ratelimit:r:openai:requests', 'minute');
    const t = Date.UTC(2025, 5, 10, 13, 45, 59, 999);
    expect(minute.at(t)).toEqual(windowKey('ratelimit:r:openai:requests', 'minute', t));
    expect(minute.at(t)).toBe(minute.at(t - 59_999));
    expect(minute.at(t + 1)).toEqual(windowKey('ratelimit:r:openai:requests', 'minute', t + 1));
    expect(minute.at(t + 1).key).not.toBe(minute.at(t).key);
    expect(minute.at(t - 60_000)).toEqual(windowKey('ratelimit:r:openai:requests', 'minute', t - 60_000));

    const month = new WindowedKey('budget:b:*', 'month');
    const lastOfFebruary = Date.UTC(2024, 1, 29, 23, 59, 59, 999);
    expect(month.at(lastOfFebruary)).toEqual(windowKey('budget:b:*', 'month', lastOfFebruary));
    expect(month.at(lastOfFebruary + 1).key).toBe(`budget:b:*:month:${Date.UTC(2024, 2, 1)}`);

    const total = new WindowedKey('budget:b:*', 'total');
    expect(total.at(0)).toEqual({ key: 'budget:b:*:total' });
    expect(total.at(Date.UTC(2030, 0, 1))).toBe(total.at(0));
  });
});
