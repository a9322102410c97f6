import { Money } from '../money.js';

/** What the manager does when the call ends. */
export interface BudgetSettler {
  settle(realCost: Money): Promise<void>;
  release(): Promise<void>;
}

/**
 * The worst case of one call, held against every budget that governs it until the call ends.
 * Call exactly one of `settle` (the call ran: success, failure after tokens, or an aborted stream,
 * with whatever it really cost) or `release` (no provider was reached); later calls are ignored.
 */
export class BudgetReservation {
  readonly worstCase: Money;
  readonly #id: string | undefined;
  readonly #settler: BudgetSettler;
  #done = false;

  constructor(id: string | undefined, worstCase: Money, settler: BudgetSettler) {
    this.#id = id;
    this.worstCase = worstCase;
    this.#settler = settler;
  }

  /** The store's reservation id; undefined when no budget applied to the call. */
  get id(): string | undefined {
    return this.#id;
  }

  get settled(): boolean {
    return this.#done;
  }

  // Not async functions: each returns the settler's promise itself, one promise and one
  // microtask fewer per call than wrapping it (a bad amount still rejects rather than throws).
  settle(realCost: Money | string | number): Promise<void> {
    if (this.#done) return DONE;
    this.#done = true;
    try {
      return this.#settler.settle(toMoney(realCost));
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

export function toMoney(amount: Money | string | number): Money {
  if (amount instanceof Money) return amount;
  return typeof amount === 'number' ? Money.fromNumber(amount) : Money.parse(amount);
}
