/**
 * The chain the fallback benches measure: [primary, fallback], the primary's circuit held open for
 * the whole run, every deployment serving `gpt-4o-mini`. Also the fallback named on its own (the
 * goal's baseline: a one-candidate plan through the same executor).
 */

import type * as BreakerStateModule from '../../src/policies/circuit-breaker/breaker-state.js';
import type { ExecutorDeps } from '../../src/policies/executor/executor-deps.js';
import type { PolicyOptions } from '../../src/policies/policy-options.js';
import type { RoutePlan } from '../../src/router/route-plan.js';
import { fromBuild } from './load-build.js';

const { closedState } = await fromBuild<typeof BreakerStateModule>(
  'policies/circuit-breaker/breaker-state.js',
);

function group(provider: string): RoutePlan['groups'][number] {
  return {
    deployments: [{ id: `${provider}/gpt-4o-mini`, provider, model: 'gpt-4o-mini' }],
    balancing: 'weighted',
  };
}

/** The chain: the primary, then `to`. */
export function chainPlan(policies: PolicyOptions = {}, to = 'fallback'): RoutePlan {
  return { requested: 'bench', groups: [group('primary'), group(to)], policies };
}

/** `to` named directly: one candidate, the same executor. */
export function alonePlan(policies: PolicyOptions = {}, to = 'fallback'): RoutePlan {
  return { requested: `${to}/gpt-4o-mini`, groups: [group(to)], policies };
}

/** Parks the primary's breaker open: every call skips it without a probe. */
export function holdPrimaryOpen(deps: Pick<ExecutorDeps, 'breakerStore'>): void {
  deps.breakerStore.set('primary/gpt-4o-mini', {
    ...closedState(),
    status: 'open',
    reopenAt: Number.POSITIVE_INFINITY,
  });
}

/** Lets every call meet the primary again. */
export function closePrimary(deps: Pick<ExecutorDeps, 'breakerStore'>): void {
  deps.breakerStore.set('primary/gpt-4o-mini', closedState());
}
