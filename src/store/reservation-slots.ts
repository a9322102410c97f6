/**
 * The memory store's open reservations, by id. Not a `Map`: a long-lived `Map` with one entry added
 * and removed per call rebuilds its table every few calls, and once it is in the old generation
 * each new table is allocated there too and every table left behind keeps the entries it held
 * until a full collection (docs/architecture.md, "No long-lived Set or Map with an entry per
 * request"). Here a reservation takes a free slot of an array that only grows to the most
 * reservations ever open at once, and leaving clears the slot.
 *
 * An id names its slot and a serial number (`r<slot>.<serial>`), so an id whose reservation was
 * settled never reaches the one that took its slot next.
 */
export class ReservationSlots<T> {
  readonly #slots: Array<{ id: string; value: T } | undefined> = [];
  readonly #free: number[] = [];
  #serial = 0;

  /** Keeps `value` and returns its new id. */
  add(value: T): string {
    const slot = this.#free.pop() ?? this.#slots.length;
    const id = `r${slot}.${++this.#serial}`;
    this.#slots[slot] = { id, value };
    return id;
  }

  get(id: string): T | undefined {
    const entry = this.#slots[slotOf(id)];
    return entry?.id === id ? entry.value : undefined;
  }

  delete(id: string): boolean {
    const slot = slotOf(id);
    if (this.#slots[slot]?.id !== id) return false;
    this.#slots[slot] = undefined;
    this.#free.push(slot);
    return true;
  }

  /** Every open reservation with its id; deleting the one given while walking is allowed. */
  *entries(): Generator<[string, T]> {
    const slots = this.#slots;
    for (let slot = 0; slot < slots.length; slot++) {
      const entry = slots[slot];
      if (entry) yield [entry.id, entry.value];
    }
  }

  clear(): void {
    this.#slots.length = 0;
    this.#free.length = 0;
  }
}

const R = 0x72;
const ZERO = 0x30;
const NINE = 0x39;

/**
 * The slot an id names (the digits after its `r`); NaN (no slot) for a string that is not one of
 * ours. Read from the character codes: every settle looks an id up, and `parseInt(id.slice(1))`
 * made a string to read each time.
 */
function slotOf(id: string): number {
  if (id.charCodeAt(0) !== R) return Number.NaN;
  let slot = 0;
  let at = 1;
  for (let code = id.charCodeAt(at); code >= ZERO && code <= NINE; code = id.charCodeAt(++at)) {
    slot = slot * 10 + (code - ZERO);
  }
  return at === 1 ? Number.NaN : slot;
}
