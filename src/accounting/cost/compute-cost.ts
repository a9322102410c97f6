import type { CatalogEntry, ModelPrices, PriceSheet } from '../../catalog/catalog-entry.js';
import type { Usage } from '../../core/types/chat-result.js';
import { Money, priceTokens } from '../money.js';
import type { CallCost, CostAmounts } from './call-cost.js';

export interface CostOptions {
  /**
   * Of `usage.cacheWriteTokens`, how many went to Anthropic's 1-hour cache (its usage splits
   * `cache_creation.ephemeral_1h_input_tokens`); the rest are priced as 5-minute writes.
   */
  cacheWrite1hTokens?: number;
}

type UsageCounts = Pick<Usage, 'inputTokens' | 'outputTokens' | 'cachedInputTokens' | 'cacheWriteTokens'>;

/**
 * Prices one call's usage. Canonical input includes cache reads and writes, so the uncached part
 * is what is left after taking both out, and each token is priced exactly once: uncached at the
 * input price, reads at the cache-read price, writes at the cache-write price, output (reasoning
 * included) at the output price. Above a tier's prompt size, the tier prices the whole call.
 */
export function computeCostAmounts(
  usage: UsageCounts,
  prices: ModelPrices,
  options: CostOptions = {},
): CostAmounts {
  const sheet = priceSheetFor(prices, usage.inputTokens);
  const cached = clamp(usage.cachedInputTokens, usage.inputTokens);
  const writes = clamp(usage.cacheWriteTokens, usage.inputTokens - cached);
  const writes1h = clamp(options.cacheWrite1hTokens ?? 0, writes);
  const uncached = usage.inputTokens - cached - writes;
  const input = priceTokens(uncached, sheet.input);
  const cachedInput = priceTokens(cached, sheet.cachedInput);
  const cacheWrite = priceTokens(writes - writes1h, sheet.cacheWrite).plus(
    priceTokens(writes1h, sheet.cacheWrite1h),
  );
  const output = priceTokens(Math.max(0, usage.outputTokens), sheet.output);
  return {
    total: Money.sum([input, cachedInput, cacheWrite, output]),
    input,
    cachedInput,
    cacheWrite,
    output,
  };
}

/** The cost of a call to a catalog model, in the shape results carry. */
export function computeCallCost(
  usage: UsageCounts & Pick<Usage, 'estimated'>,
  entry: Pick<CatalogEntry, 'prices'>,
  options: CostOptions = {},
): CallCost {
  const amounts = computeCostAmounts(usage, entry.prices, options);
  const tier = tierFor(entry.prices, usage.inputTokens);
  const cost = toCallCost(amounts, usage.estimated === true);
  if (tier) cost.tierAboveInputTokens = tier.aboveInputTokens;
  return cost;
}

/** Exact amounts -> the result's `cost` field. */
export function toCallCost(amounts: CostAmounts, estimated: boolean): CallCost {
  return {
    total: amounts.total.toString(),
    input: amounts.input.toString(),
    cachedInput: amounts.cachedInput.toString(),
    cacheWrite: amounts.cacheWrite.toString(),
    output: amounts.output.toString(),
    currency: 'USD',
    estimated,
    usd: {
      total: amounts.total.toNumber(),
      input: amounts.input.toNumber(),
      cachedInput: amounts.cachedInput.toNumber(),
      cacheWrite: amounts.cacheWrite.toNumber(),
      output: amounts.output.toNumber(),
    },
  };
}

/** A zero cost (a cache hit, a local model). */
export function zeroCallCost(estimated = false): CallCost {
  const zero = Money.ZERO;
  return toCallCost(
    { total: zero, input: zero, cachedInput: zero, cacheWrite: zero, output: zero },
    estimated,
  );
}

/** The prices for a prompt of `inputTokens` (all input, cached included): the highest tier it passes. */
export function priceSheetFor(prices: ModelPrices, inputTokens: number): PriceSheet {
  return tierFor(prices, inputTokens) ?? prices;
}

function tierFor(prices: ModelPrices, inputTokens: number) {
  let chosen: ModelPrices['tiers'][number] | undefined;
  for (const tier of prices.tiers) if (inputTokens > tier.aboveInputTokens) chosen = tier;
  return chosen;
}

/** Providers have reported a subset larger than its whole; never price a token twice or below zero. */
function clamp(value: number, max: number): number {
  return Math.max(0, Math.min(value, Math.max(0, max)));
}
