import { describe, expect, it } from 'vitest';
import { windowBounds, windowKey } from './time-window.js';

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
