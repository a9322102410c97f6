import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import type { Usage } from '../../core/types/chat-result.js';
import type { CallCost } from './call-cost.js';
import { type CostOptions, computeCallCost } from './compute-cost.js';

/** A chat result's usage, or an embedding result's (`{ inputTokens }` only). */
export type PricedUsage = Partial<Usage> & { inputTokens: number };

/** The part of the catalog pricing needs. */
export interface PriceLookup {
  get(name: string, provider?: string): CatalogEntry | undefined;
}

/**
 * The pipeline's settle step: the cost of a finished call from the model the provider answered
 * with (a dated snapshot finds its entry by alias), else the model that was asked for. Undefined
 * when the catalog does not price the model: an unknown price is not a zero price.
 */
export function priceCall(
  catalog: PriceLookup,
  call: { provider: string; model: string; requestedModel?: string; usage: PricedUsage },
  options: CostOptions = {},
): CallCost | undefined {
  const entry =
    catalog.get(stripModelsPrefix(call.model), call.provider) ??
    (call.requestedModel === undefined ? undefined : catalog.get(call.requestedModel, call.provider));
  if (!entry) return undefined;
  const { usage } = call;
  const counts = {
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens ?? 0,
    cachedInputTokens: usage.cachedInputTokens ?? 0,
    cacheWriteTokens: usage.cacheWriteTokens ?? 0,
    estimated: usage.estimated === true,
  };
  return computeCallCost(counts, entry, options);
}

/** Gemini names models `models/gemini-2.5-flash`. */
function stripModelsPrefix(model: string): string {
  return model.startsWith('models/') ? model.slice('models/'.length) : model;
}
