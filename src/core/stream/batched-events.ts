import type { StreamEvent } from '../types/stream-events.js';

/** What a ChatStream reads: an async generator of events, or anything iterating like one. */
export interface StreamSource {
  next(): Promise<IteratorResult<StreamEvent>>;
  return(value?: unknown): Promise<IteratorResult<StreamEvent>>;
  /** An event already at hand, taken without a promise; undefined when `next` has to wait. */
  takeBuffered?(): StreamEvent | undefined;
}

const DONE: IteratorResult<StreamEvent> = { done: true, value: undefined };

/**
 * Events read from a generator of batches (what one network chunk decoded to), handed out one at a
 * time: an event already decoded is given at once, and only an empty buffer waits on the
 * generator. Measured: yielding each event from the provider's async generator cost two to three
 * promise hops per event; a batch costs one hop, its events one resolved promise each.
 * One call at a time: ChatStream never overlaps them.
 */
export class BatchedEvents implements StreamSource {
  readonly #batches: AsyncGenerator<StreamEvent[]>;
  #batch: StreamEvent[] = [];
  #index = 0;
  readonly #onBatch = (
    step: IteratorResult<StreamEvent[]>,
  ): IteratorResult<StreamEvent> | Promise<IteratorResult<StreamEvent>> => {
    if (step.done) return DONE;
    this.#batch = step.value;
    this.#index = 0;
    return this.#index < this.#batch.length
      ? { done: false, value: this.#batch[this.#index++]! }
      : this.next();
  };

  constructor(batches: AsyncGenerator<StreamEvent[]>) {
    this.#batches = batches;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    if (this.#index < this.#batch.length)
      return Promise.resolve({ done: false, value: this.#batch[this.#index++]! });
    return this.#batches.next().then(this.#onBatch);
  }

  takeBuffered(): StreamEvent | undefined {
    return this.#index < this.#batch.length ? this.#batch[this.#index++] : undefined;
  }

  /** Drops what was buffered and closes the generator (its `finally` releases the connection). */
  return(value?: unknown): Promise<IteratorResult<StreamEvent>> {
    this.#batch = [];
    this.#index = 0;
    return this.#batches.return([]).then(() => ({ done: true, value }) as IteratorResult<StreamEvent>);
  }
}
