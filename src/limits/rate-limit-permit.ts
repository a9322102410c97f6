/** What the limiter does when a call ends. */
export interface PermitSettler {
  settle(actualTokens: number | undefined): Promise<void>;
  release(): Promise<void>;
}

/**
 * A call's place under its rate limits. Call exactly one of `settle` (the call reached the
 * provider: its request counts, its token reservation is corrected to the real count) or `release`
 * (it never did: everything is given back). Either frees its concurrency slot; later calls are ignored.
 */
export class RateLimitPermit {
  /** Tokens reserved from the estimate. */
  readonly estimatedTokens: number;
  readonly #settler: PermitSettler;
  #done = false;

  constructor(estimatedTokens: number, settler: PermitSettler) {
    this.estimatedTokens = estimatedTokens;
    this.#settler = settler;
  }

  get settled(): boolean {
    return this.#done;
  }

  /** `actualTokens` (input + output as the provider counted them); without it the estimate stands. */
  // Not async functions: each returns the settler's promise itself, one promise and one
  // microtask fewer per call than wrapping it.
  settle(actualTokens?: number): Promise<void> {
    if (this.#done) return DONE;
    this.#done = true;
    try {
      return this.#settler.settle(actualTokens);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  release(): Promise<void> {
    if (this.#done) return DONE;
    this.#done = true;
    try {
      return this.#settler.release();
    } catch (error) {
      return Promise.reject(error);
    }
  }
}

const DONE: Promise<void> = Promise.resolve();

export const FREE_PERMIT_SETTLER: PermitSettler = { settle: async () => {}, release: async () => {} };
