import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('parseDuration', () => {
  it('takes numbers and unit-less numeric strings as milliseconds', () => {
    expect(parseDuration(250)).toBe(250);
    expect(parseDuration('1500')).toBe(1500);
  });

  it('reads units and compound durations', () => {
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('1m30s')).toBe(90_000);
  });

  it('rejects negatives, unknown units and other types', () => {
    expect(parseDuration(-1)).toBeUndefined();
    expect(parseDuration('10 parsecs')).toBeUndefined();
    expect(parseDuration('5d')).toBeUndefined();
    expect(parseDuration(true)).toBeUndefined();
    expect(parseDuration(Number.NaN)).toBeUndefined();
  });
});
