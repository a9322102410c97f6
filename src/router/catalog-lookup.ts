import type { ProviderFeatures } from '../core/types/provider.js';

export type Capability = keyof ProviderFeatures;

/** A requirement route: what the model must do and cost, instead of a list of models. */
export interface ModelRequirement {
  capabilities?: Capability[];
  /** Minimum context window in tokens. */
  minContext?: number;
  /** Most it may cost, in USD per million tokens. */
  maxPrice?: { input?: number; output?: number };
  /** Providers tried first, in this order, when several models qualify. */
  preferredProviders?: string[];
  /** How many candidates the chain holds. Default 3. */
  limit?: number;
}

/** A model the catalog offers for a requirement. */
export interface CatalogCandidate {
  provider: string;
  model: string;
  contextWindow?: number;
  /** USD per million input tokens. */
  inputPrice?: number;
  /** USD per million output tokens. */
  outputPrice?: number;
}

/**
 * The hook through which requirement routes are resolved. The model catalog implements it; it
 * returns qualifying models best first. The router still enforces the requirement on the fields a
 * candidate carries, orders preferred providers first and keeps only usable providers.
 */
export interface CatalogLookup {
  find(requirement: ModelRequirement): CatalogCandidate[];
}
