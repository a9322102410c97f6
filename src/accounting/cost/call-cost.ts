import type { Money } from '../money.js';

/**
 * The cost of one call in USD, each part counted once. The strings are exact decimals (sum them
 * with `Money.parse`); `usd` holds the same amounts as numbers for display and metrics.
 */
export interface CallCost {
  total: string;
  /** Uncached input: input - cached reads - cache writes. */
  input: string;
  /** Input read from the provider's cache. */
  cachedInput: string;
  /** Input written to the provider's cache. */
  cacheWrite: string;
  /** Output, reasoning included (reasoning is part of output, never added again). */
  output: string;
  currency: 'USD';
  /** True when the usage was estimated locally (no usage from the provider). */
  estimated: boolean;
  usd: { total: number; input: number; cachedInput: number; cacheWrite: number; output: number };
  /** The price tier applied: the prompt size it starts above; absent for the base prices. */
  tierAboveInputTokens?: number;
}

/** The same parts as exact Money, for budgets and the ledger to add up. */
export interface CostAmounts {
  total: Money;
  input: Money;
  cachedInput: Money;
  cacheWrite: Money;
  output: Money;
}
