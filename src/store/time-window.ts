/** The windows counters reset on. Boundaries are UTC, so every instance and report agrees. */
export type TimeWindow = 'minute' | 'hour' | 'day' | 'month' | 'total';

export const TIME_WINDOWS: readonly TimeWindow[] = ['minute', 'hour', 'day', 'month', 'total'];

export interface WindowBounds {
  /** Epoch ms at which the window began (0 for `total`). */
  start: number;
  /** Epoch ms at which the next one begins; undefined for `total`, which never resets. */
  end?: number;
}

/** The window of the given kind that contains `now` (epoch ms). */
export function windowBounds(window: TimeWindow, now: number): WindowBounds {
  switch (window) {
    case 'minute':
      return fixed(now, 60_000);
    case 'hour':
      return fixed(now, 3_600_000);
    case 'day':
      return fixed(now, 86_400_000);
    case 'month': {
      const date = new Date(now);
      const year = date.getUTCFullYear();
      const month = date.getUTCMonth();
      return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
    }
    case 'total':
      return { start: 0 };
  }
}

function fixed(now: number, size: number): WindowBounds {
  const start = Math.floor(now / size) * size;
  return { start, end: start + size };
}

/**
 * The counter key for `base` in the window containing `now`, and when that counter may expire.
 * The window's start is part of the key, so a new window starts from zero without a reset job.
 */
export function windowKey(
  base: string,
  window: TimeWindow,
  now: number,
): { key: string; expiresAt?: number } {
  const { start, end } = windowBounds(window, now);
  if (window === 'total') return { key: `${base}:total` };
  return { key: `${base}:${window}:${start}`, expiresAt: end };
}

/**
 * `windowKey` for one base and window, remembered until the window ends: a budget or rate-limit
 * counter asks for its key on every call, and building the string and bounds each time was a
 * measurable share of a call's guard cost. The returned object is shared; do not change it.
 */
export class WindowedKey {
  readonly #base: string;
  readonly #window: TimeWindow;
  #current: { key: string; expiresAt?: number } | undefined;
  #start = Number.POSITIVE_INFINITY;
  #end = Number.NEGATIVE_INFINITY;

  constructor(base: string, window: TimeWindow) {
    this.#base = base;
    this.#window = window;
  }

  at(now: number): { key: string; expiresAt?: number } {
    if (this.#current !== undefined && now >= this.#start && now < this.#end) return this.#current;
    const { start, end } = windowBounds(this.#window, now);
    this.#current = windowKey(this.#base, this.#window, now);
    this.#start = start;
    this.#end = end ?? Number.POSITIVE_INFINITY;
    return this.#current;
  }
}
