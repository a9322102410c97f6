/**
 * The most recent `capacity` samples, overwriting the oldest: a long-running process keeps
 * percentiles of recent behaviour in constant memory.
 */
export class SampleWindow {
  readonly #values: number[] = [];
  readonly #capacity: number;
  #next = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  add(value: number): void {
    if (this.#values.length < this.#capacity) this.#values.push(value);
    else this.#values[this.#next] = value;
    this.#next = (this.#next + 1) % this.#capacity;
  }

  values(): readonly number[] {
    return this.#values;
  }
}
