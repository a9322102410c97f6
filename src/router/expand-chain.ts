import { parseModelId } from '../client/model-id.js';
import { classifyReference } from '../config/config-references.js';
import type { ChainEntryConfig, ChainStepConfig, RouteConfig } from '../config/routes-schema.js';
import type { SwitchyardConfig } from '../config/switchyard-config.js';
import type { BalancingStrategy } from '../policies/policy-options.js';
import type { CatalogLookup } from './catalog-lookup.js';
import { resolveRequirement } from './resolve-requirement.js';
import type { CandidateGroup, Deployment } from './route-plan.js';
import { listOrNone, routingError } from './router-errors.js';

export interface ExpandContext {
  config: SwitchyardConfig;
  catalog?: CatalogLookup;
  isAvailable?: (provider: string) => boolean;
  /** Listing what the config names: requirement routes contribute nothing instead of asking the catalog. */
  skipRequirements?: boolean;
}

/**
 * A route's candidate groups. A chain entry that names another alias or route is replaced by that
 * route's groups (its own policies do not carry over: the outer route's apply); inside a group of
 * several entries, the named route's deployments join the group.
 */
export function expandRoute(
  context: ExpandContext,
  route: RouteConfig,
  name: string,
  balancing: BalancingStrategy,
  trail: string[] = [],
): CandidateGroup[] {
  const routeBalancing = route.balancing ?? balancing;
  if (route.require) {
    if (context.skipRequirements) return [];
    const deployments = resolveRequirement(name, route.require, context);
    return deployments.map((deployment) => ({ deployments: [deployment], balancing: routeBalancing }));
  }
  return expandSteps(context, route.chain ?? [], routeBalancing, [...trail, name]);
}

export function expandSteps(
  context: ExpandContext,
  steps: readonly ChainStepConfig[],
  balancing: BalancingStrategy,
  trail: string[],
): CandidateGroup[] {
  const groups: CandidateGroup[] = [];
  for (const step of steps) {
    const stepBalancing = step.balancing ?? balancing;
    if (step.group.length === 1) {
      groups.push(...expandEntry(context, step.group[0]!, stepBalancing, trail));
    } else {
      const deployments = step.group.flatMap((entry) =>
        expandEntry(context, entry, stepBalancing, trail).flatMap((group) => group.deployments),
      );
      groups.push({ deployments, balancing: stepBalancing });
    }
  }
  return groups;
}

function expandEntry(
  context: ExpandContext,
  entry: ChainEntryConfig,
  balancing: BalancingStrategy,
  trail: string[],
): CandidateGroup[] {
  const { config } = context;
  const name = entry.model;
  const kind = classifyReference(config, name);
  if (kind === 'alias' || kind === 'route') {
    if (trail.includes(name)) {
      throw routingError(
        `'${name}' refers back to itself (${[...trail, name].join(' -> ')})`,
        'invalid_request',
      );
    }
    const route = kind === 'alias' ? config.aliases[name]! : config.routes[name]!;
    return expandRoute(context, route, name, balancing, trail);
  }
  if (kind === 'model') {
    const { provider, model } = parseModelId(name);
    return [{ deployments: [deploymentFor(config, provider, model, entry)], balancing }];
  }
  if (kind === 'provider') {
    return [{ deployments: [deploymentFor(config, name, config.providers[name]!.model!, entry)], balancing }];
  }
  throw routingError(
    `unknown model '${name}': not provider/model, an alias or a route; aliases: ${listOrNone(Object.keys(config.aliases))}; routes: ${listOrNone(Object.keys(config.routes))}`,
  );
}

/**
 * One deployment, with what the config knows of it: the provider-side model name from
 * `deployments` (Azure deployment names), weight and context window (entry, then deployment, then
 * provider).
 */
export function deploymentFor(
  config: SwitchyardConfig,
  provider: string,
  model: string,
  entry?: Partial<ChainEntryConfig>,
): Deployment {
  const providerConfig = config.providers[provider];
  const mapped = providerConfig?.deployments?.[model];
  const actual = mapped?.model ?? model;
  const weight = entry?.weight ?? mapped?.weight ?? providerConfig?.weight;
  const contextWindow = entry?.contextWindow ?? mapped?.contextWindow ?? providerConfig?.contextWindow;
  return {
    id: `${provider}/${actual}`,
    provider,
    model: actual,
    ...(weight === undefined ? {} : { weight }),
    ...(contextWindow === undefined ? {} : { contextWindow }),
  };
}
