import type { CandidateGroup, Deployment } from '../../router/route-plan.js';
import type { DeploymentStats } from './deployment-stats.js';

/** Price of a deployment for `lowest-cost` (e.g. USD per million tokens); the catalog fills it later. */
export type CostLookup = (deployment: Deployment) => number | undefined;

export interface BalancerContext {
  stats: DeploymentStats;
  random: () => number;
  costOf?: CostLookup;
  /** Streams rank `lowest-latency` by time to first token, plain calls by whole latency. */
  mode: 'chat' | 'stream';
}

/** Sorts by score, breaking ties at random so equal deployments share the load. */
function byScore(
  deployments: Deployment[],
  score: (d: Deployment) => number,
  random: () => number,
): Deployment[] {
  return deployments
    .map((deployment) => ({ deployment, score: score(deployment), tie: random() }))
    .sort((a, b) => a.score - b.score || a.tie - b.tie)
    .map((entry) => entry.deployment);
}

/**
 * Weighted random order without replacement (Efraimidis-Spirakis keys): the first pick is
 * proportional to weight, and later picks keep that order as fallbacks. Weight 0 goes last.
 */
function weighted(deployments: Deployment[], random: () => number): Deployment[] {
  const positive = deployments.filter((d) => (d.weight ?? 1) > 0);
  const zero = deployments.filter((d) => (d.weight ?? 1) <= 0);
  const keyed = positive
    .map((deployment) => ({
      deployment,
      key: Math.log(random() || Number.MIN_VALUE) / (deployment.weight ?? 1),
    }))
    .sort((a, b) => b.key - a.key)
    .map((entry) => entry.deployment);
  return [...keyed, ...zero];
}

/** Orders a group's equivalent deployments for one call, by the group's strategy. */
export function orderDeployments(group: CandidateGroup, context: BalancerContext): Deployment[] {
  const deployments = group.deployments;
  if (deployments.length <= 1) return [...deployments];
  const { stats, random } = context;
  switch (group.balancing) {
    case 'weighted':
      return weighted(deployments, random);
    case 'round-robin': {
      const turn = stats.nextTurn(deployments.map((d) => d.id).join('|')) % deployments.length;
      return [...deployments.slice(turn), ...deployments.slice(0, turn)];
    }
    case 'least-busy':
      return byScore(deployments, (d) => stats.inFlight(d.id), random);
    case 'lowest-latency':
      // A deployment with no sample yet scores best, so each gets measured before being ranked.
      return byScore(
        deployments,
        (d) => {
          const averages = stats.averages(d.id);
          const value =
            context.mode === 'stream'
              ? (averages.timeToFirstTokenMs ?? averages.latencyMs)
              : averages.latencyMs;
          return value ?? -1;
        },
        random,
      );
    case 'lowest-cost': {
      const costOf = context.costOf;
      if (!costOf) return [...deployments];
      // Unknown prices keep their given order, after every known price.
      return deployments
        .map((deployment, index) => ({ deployment, index, cost: costOf(deployment) }))
        .sort((a, b) => {
          if (a.cost === undefined || b.cost === undefined) {
            return a.cost === b.cost ? a.index - b.index : a.cost === undefined ? 1 : -1;
          }
          return a.cost - b.cost || a.index - b.index;
        })
        .map((entry) => entry.deployment);
    }
    default:
      return [...deployments];
  }
}
