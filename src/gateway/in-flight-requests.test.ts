import { describe, expect, it } from 'vitest';
import { InFlightRequests } from './in-flight-requests.js';

describe('InFlightRequests', () => {
  it('counts and lists what was added and not yet deleted, newest first', () => {
    const list = new InFlightRequests<string>();
    const a = list.add('a');
    list.add('b');
    const c = list.add('c');
    expect(list.size).toBe(3);
    expect([...list]).toEqual(['c', 'b', 'a']);
    list.delete(a);
    list.delete(c);
    expect(list.size).toBe(1);
    expect([...list]).toEqual(['b']);
  });

  it('takes out an entry from the middle, the head and the tail, and ignores a second delete', () => {
    const list = new InFlightRequests<number>();
    const entries = [1, 2, 3, 4, 5].map((n) => list.add(n));
    list.delete(entries[2]!);
    list.delete(entries[4]!);
    list.delete(entries[0]!);
    list.delete(entries[2]!);
    expect(list.size).toBe(2);
    expect([...list]).toEqual([4, 2]);
    list.delete(entries[1]!);
    list.delete(entries[3]!);
    expect(list.size).toBe(0);
    expect([...list]).toEqual([]);
    list.add(6);
    expect([...list]).toEqual([6]);
  });

  it('lets the caller delete entries while it walks the list (shutdown aborts as it goes)', () => {
    const list = new InFlightRequests<string>();
    const entries = new Map(['a', 'b', 'c'].map((name) => [name, list.add(name)]));
    const seen: string[] = [];
    for (const name of list) {
      seen.push(name);
      // Deleting the one given and the one after it must not cut the walk short.
      list.delete(entries.get(name)!);
      if (name === 'c') list.delete(entries.get('b')!);
    }
    expect(seen).toEqual(['c', 'b', 'a']);
    expect(list.size).toBe(0);
  });

  it('drops the links and the value of an entry it gave back, so a kept entry holds nothing alive', () => {
    const list = new InFlightRequests<object>();
    const first = list.add({});
    const second = list.add({});
    list.add({});
    list.delete(second);
    expect(second).toEqual({ value: undefined, prev: undefined, next: undefined });
    expect(first.prev).not.toBe(second);
  });
});
