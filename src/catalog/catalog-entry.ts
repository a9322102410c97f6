import type { Money } from '../accounting/money.js';
import type { PriceSource } from './catalog-file-schema.js';
import type { Modality, ModelCapability } from './model-capability.js';

/** Prices in dollars per million tokens, parsed to exact Money. */
export interface PriceSheet {
  input: Money;
  output: Money;
  /** Cache read price (defaults to the input price when the provider has no discount). */
  cachedInput: Money;
  /** Cache write price (Anthropic 5-minute TTL; defaults to the input price). */
  cacheWrite: Money;
  /** Anthropic 1-hour cache write (defaults to `cacheWrite`). */
  cacheWrite1h: Money;
}

export interface PriceTier extends PriceSheet {
  /** The tier prices the whole call when the prompt is larger than this many tokens. */
  aboveInputTokens: number;
}

export interface ModelPrices extends PriceSheet {
  /** Higher prices for larger prompts, smallest threshold first. */
  tiers: PriceTier[];
}

/** One model of one provider, as the catalog holds it after validation. */
export interface CatalogEntry {
  provider: string;
  id: string;
  /** Other names that find this entry (dated snapshots, `-latest` names). */
  aliases: string[];
  displayName?: string;
  mode: 'chat' | 'embedding';
  contextWindow: number;
  extendedContextWindow?: number;
  maxOutputTokens?: number;
  prices: ModelPrices;
  capabilities: ModelCapability[];
  modalities: { input: Modality[]; output: Modality[] };
  deprecationDate?: string;
  source: PriceSource;
  /** Facts not confirmed at the source. */
  unconfirmed: string[];
  notes?: string;
  /** Where the entry came from: `built-in`, a file path, or `litellm:<path>`. */
  origin: string;
}

/** `provider/id`, the key an entry is stored and overridden under. */
export function entryKey(entry: Pick<CatalogEntry, 'provider' | 'id'>): string {
  return `${entry.provider}/${entry.id}`;
}
