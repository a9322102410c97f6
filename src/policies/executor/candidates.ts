import type { Deployment } from '../../router/route-plan.js';
import { orderDeployments } from '../balancer/order-deployments.js';
import type { ChainContext } from './chain-context.js';

/**
 * The chain's candidates in order: each group balanced when it is reached (so in-flight counts and
 * latencies are current), a deployment listed twice tried once.
 */
export function* candidates<T>(ctx: ChainContext<T>): Generator<Deployment> {
  const seen = new Set<string>();
  for (const group of ctx.plan.groups) {
    const ordered = orderDeployments(group, {
      stats: ctx.stats,
      random: ctx.random,
      costOf: ctx.costOf,
      mode: ctx.runner.mode,
    });
    for (const deployment of ordered) {
      if (seen.has(deployment.id)) continue;
      seen.add(deployment.id);
      yield deployment;
    }
  }
}
