import { describe, expect, it } from 'vitest';
import { percentiles } from './percentiles.js';
import { SampleWindow } from './sample-window.js';

describe('percentiles', () => {
  it('takes the nearest rank, whatever the input order', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(values)).toEqual({ p50: 50, p95: 95, p99: 99 });
  });

  it('gives real samples for small counts and nothing for none', () => {
    expect(percentiles([7])).toEqual({ p50: 7, p95: 7, p99: 7 });
    expect(percentiles([10, 30])).toEqual({ p50: 10, p95: 30, p99: 30 });
    expect(percentiles([])).toBeUndefined();
  });
});

describe('SampleWindow', () => {
  it('keeps only the most recent samples', () => {
    const window = new SampleWindow(3);
    for (const value of [1, 2, 3, 4, 5]) window.add(value);
    expect([...window.values()].sort()).toEqual([3, 4, 5]);
  });
});
