import type { Provider } from '../../core/types/provider.js';
import type { CandidateGroup, Deployment, RoutePlan } from '../../router/route-plan.js';
import { type PolicyEventMap, type PolicyEventName, PolicyEvents } from '../events/policy-events.js';
import { ManualClock } from '../manual-clock.js';
import type { PolicyOptions } from '../policy-options.js';
import { createExecutorDeps } from './executor-deps.js';

/** A deployment of `provider` (a registered provider id) serving `model`. */
export function deployment(provider: string, extra: Partial<Deployment> = {}): Deployment {
  const model = extra.model ?? 'm';
  return { id: `${provider}/${model}`, provider, model, ...extra };
}

/** A plan whose chain is one group per entry (an array entry is a balanced group). */
export function chainPlan(
  chain: Array<Deployment | Deployment[]>,
  policies: PolicyOptions = {},
  balancing: CandidateGroup['balancing'] = 'weighted',
): RoutePlan {
  return {
    requested: 'test-route',
    groups: chain.map((entry) => ({ deployments: Array.isArray(entry) ? entry : [entry], balancing })),
    policies,
  };
}

/**
 * Executor deps over the given providers on a manual clock, with every policy event recorded in
 * order. `random` is 0 unless given: no jitter, so backoff delays are exact.
 */
export function executorHarness(providers: Provider[], options: { random?: () => number } = {}) {
  const clock = new ManualClock();
  const events = new PolicyEvents();
  const seen: Array<{ name: PolicyEventName; event: PolicyEventMap[PolicyEventName] }> = [];
  for (const name of [
    'attempt-start',
    'attempt-end',
    'retry',
    'fallback',
    'breaker-state',
    'hedge',
  ] as const) {
    events.on(name, (event) => seen.push({ name, event }));
  }
  const byId = new Map(providers.map((p) => [p.id, p]));
  const deps = createExecutorDeps(
    (id) => {
      const provider = byId.get(id);
      if (!provider) throw new Error(`no provider ${id}`);
      return provider;
    },
    { clock, events, random: options.random ?? (() => 0) },
  );
  const named = <K extends PolicyEventName>(name: K) =>
    seen.filter((e) => e.name === name).map((e) => e.event as PolicyEventMap[K]);
  return { clock, events, deps, seen, named };
}

export const ask = { model: 'route', messages: [{ role: 'user' as const, content: 'ping' }] };
