import type { SwitchyardConfig } from '../config/switchyard-config.js';
import type { CatalogCandidate, CatalogLookup, ModelRequirement } from './catalog-lookup.js';
import type { Deployment } from './route-plan.js';
import { routingError } from './router-errors.js';

const DEFAULT_LIMIT = 3;

/**
 * The deployments a requirement route stands for, in fallback order: the catalog's candidates that
 * really meet the requirement (checked again on what each carries), whose provider is usable,
 * preferred providers first (in their listed order), at most `limit` of them.
 */
export function resolveRequirement(
  name: string,
  requirement: ModelRequirement,
  context: { catalog?: CatalogLookup; config: SwitchyardConfig; isAvailable?: (provider: string) => boolean },
): Deployment[] {
  if (!context.catalog) {
    throw routingError(
      `route '${name}' is a requirement route and needs a model catalog to choose models; none is configured (give the router a catalog, or list the models in a chain)`,
      'invalid_request',
    );
  }
  const usable = context.catalog
    .find(requirement)
    .filter((candidate) => meets(candidate, requirement))
    .filter((candidate) => context.config.providers[candidate.provider]?.enabled !== false)
    .filter((candidate) => context.isAvailable?.(candidate.provider) ?? true);
  const preferred = requirement.preferredProviders ?? [];
  const rank = (candidate: CatalogCandidate) => {
    const index = preferred.indexOf(candidate.provider);
    return index === -1 ? preferred.length : index;
  };
  const ordered = usable
    .map((candidate, index) => ({ candidate, index }))
    .sort((a, b) => rank(a.candidate) - rank(b.candidate) || a.index - b.index)
    .slice(0, requirement.limit ?? DEFAULT_LIMIT);
  if (ordered.length === 0) {
    throw routingError(
      `no usable model in the catalog meets route '${name}' (${describeRequirement(requirement)})`,
    );
  }
  return ordered.map(({ candidate }) => ({
    id: `${candidate.provider}/${candidate.model}`,
    provider: candidate.provider,
    model: candidate.model,
    ...(candidate.contextWindow === undefined ? {} : { contextWindow: candidate.contextWindow }),
  }));
}

function meets(candidate: CatalogCandidate, requirement: ModelRequirement): boolean {
  const { minContext, maxPrice } = requirement;
  if (
    minContext !== undefined &&
    candidate.contextWindow !== undefined &&
    candidate.contextWindow < minContext
  ) {
    return false;
  }
  if (
    maxPrice?.input !== undefined &&
    candidate.inputPrice !== undefined &&
    candidate.inputPrice > maxPrice.input
  ) {
    return false;
  }
  if (
    maxPrice?.output !== undefined &&
    candidate.outputPrice !== undefined &&
    candidate.outputPrice > maxPrice.output
  ) {
    return false;
  }
  return true;
}

export function describeRequirement(requirement: ModelRequirement): string {
  const parts: string[] = [];
  if (requirement.capabilities?.length) parts.push(`capabilities ${requirement.capabilities.join(', ')}`);
  if (requirement.minContext !== undefined) parts.push(`context at least ${requirement.minContext} tokens`);
  if (requirement.maxPrice?.input !== undefined) parts.push(`input at most $${requirement.maxPrice.input}/M`);
  if (requirement.maxPrice?.output !== undefined)
    parts.push(`output at most $${requirement.maxPrice.output}/M`);
  if (requirement.preferredProviders?.length)
    parts.push(`preferring ${requirement.preferredProviders.join(', ')}`);
  return parts.join('; ') || 'no constraints';
}
