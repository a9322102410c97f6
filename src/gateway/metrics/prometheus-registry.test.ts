import { describe, expect, it } from 'vitest';
import { Counter, Histogram, keyOf } from './prometheus-registry.js';

describe('keyOf', () => {
  it('gives the same key whatever order the labels were written in', () => {
    expect(keyOf({ route: '/chat/completions', status: '200' })).toBe(
      keyOf({ status: '200', route: '/chat/completions' }),
    );
  });

  it('tells apart label sets that differ in a name or a value', () => {
    expect(keyOf({ a: 'bc' })).not.toBe(keyOf({ ab: 'c' }));
    expect(keyOf({ a: '1', b: '2' })).not.toBe(keyOf({ a: '12' }));
    expect(keyOf({})).toBe('');
  });
});

describe('Counter and Histogram series', () => {
  it('adds to one series for the same labels in any order', () => {
    const counter = new Counter('c_total', 'help');
    counter.inc({ route: '/x', status: '200' });
    counter.inc({ status: '200', route: '/x' }, 2);
    counter.inc({ route: '/x', status: '500' });
    expect(counter.render()).toBe(
      '# HELP c_total help\n# TYPE c_total counter\nc_total{route="/x",status="200"} 3\nc_total{route="/x",status="500"} 1\n',
    );
  });

  it('keeps one histogram series per label set', () => {
    const histogram = new Histogram('h', 'help', [1]);
    histogram.observe({ route: '/x' }, 0.5);
    histogram.observe({ route: '/x' }, 2);
    expect(histogram.render()).toContain('h_count{route="/x"} 2\n');
    expect(histogram.render()).toContain('h_bucket{route="/x",le="1"} 1\n');
  });
});
