import type { PoliciesConfig } from '../config/policies-schema.js';
import type { BalancingStrategy, PolicyOptions } from '../policies/policy-options.js';

const SECTIONS = ['retry', 'timeouts', 'circuitBreaker', 'hedge', 'fallback'] as const;

/**
 * Merges policy layers, later over earlier (global defaults, then agent, then route), one option
 * at a time: a route that sets only `retry.max_retries` keeps the global backoff settings. Lists
 * (`fallback.also_on`) are replaced, not concatenated.
 */
export function mergePolicies(...layers: Array<PoliciesConfig | undefined>): {
  policies: PolicyOptions;
  balancing?: BalancingStrategy;
} {
  const policies: PolicyOptions = {};
  let balancing: BalancingStrategy | undefined;
  for (const layer of layers) {
    if (!layer) continue;
    for (const section of SECTIONS) {
      const value = layer[section];
      if (value === undefined) continue;
      const merged = { ...(policies[section] as object | undefined), ...withoutUndefined(value) };
      (policies as Record<string, unknown>)[section] = merged;
    }
    balancing = layer.balancing ?? balancing;
  }
  return { policies, balancing };
}

function withoutUndefined(value: object): object {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined));
}
