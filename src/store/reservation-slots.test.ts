import { describe, expect, it } from 'vitest';
import { ReservationSlots } from './reservation-slots.js';

/** How many values are kept (the store counts them by walking, as here). */
const countOf = (slots: ReservationSlots<unknown>) => [...slots.entries()].length;

describe('ReservationSlots', () => {
  it('keeps each value under its own id until it is deleted', () => {
    const slots = new ReservationSlots<string>();
    const a = slots.add('a');
    const b = slots.add('b');
    expect(a).not.toBe(b);
    expect([slots.get(a), slots.get(b), countOf(slots)]).toEqual(['a', 'b', 2]);
    expect(slots.delete(a)).toBe(true);
    expect(slots.get(a)).toBeUndefined();
    expect(slots.delete(a)).toBe(false);
    expect(countOf(slots)).toBe(1);
  });

  it('reuses a freed slot under a new id: the old id never reaches the new value', () => {
    const slots = new ReservationSlots<string>();
    const first = slots.add('first');
    slots.delete(first);
    const second = slots.add('second');
    expect(second.split('.')[0]).toBe(first.split('.')[0]);
    expect(second).not.toBe(first);
    expect(slots.get(first)).toBeUndefined();
    expect(slots.delete(first)).toBe(false);
    expect(slots.get(second)).toBe('second');
  });

  it('grows only to the most values held at once', () => {
    const slots = new ReservationSlots<number>();
    for (let round = 0; round < 100; round++) {
      const ids = [slots.add(1), slots.add(2), slots.add(3)];
      for (const id of ids) slots.delete(id);
    }
    const slotsUsed = new Set(Array.from({ length: 3 }, (_, i) => slots.add(i).split('.')[0]));
    expect(slotsUsed).toEqual(new Set(['r0', 'r1', 'r2']));
  });

  it('answers nothing for ids that are not its own', () => {
    const slots = new ReservationSlots<string>();
    slots.add('x');
    for (const id of ['', 'x0.1', 'r', 'r0', 'r0.999', 'r99.1', 'rabc']) {
      expect(slots.get(id)).toBeUndefined();
      expect(slots.delete(id)).toBe(false);
    }
    expect(countOf(slots)).toBe(1);
  });

  it('walks every open entry, and allows deleting the one given while walking', () => {
    const slots = new ReservationSlots<string>();
    const ids = ['a', 'b', 'c', 'd'].map((value) => slots.add(value));
    slots.delete(ids[1]!);
    const seen: string[] = [];
    for (const [id, value] of slots.entries()) {
      seen.push(value);
      slots.delete(id);
    }
    expect(seen).toEqual(['a', 'c', 'd']);
    expect(countOf(slots)).toBe(0);
    slots.add('e');
    slots.clear();
    expect([...slots.entries()]).toEqual([]);
    expect(countOf(slots)).toBe(0);
  });
});
