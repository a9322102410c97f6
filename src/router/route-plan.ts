import type { BalancingStrategy, PolicyOptions } from '../policies/policy-options.js';

/** One place a model can be served: a provider instance (one key, one endpoint) and a model there. */
export interface Deployment {
  /** Stable id for breaker, latency and in-flight state: `provider/model`, plus `#label` for extra keys. */
  id: string;
  /** Provider instance id in the registry (`openai`, or `openai-eu` for a second key). */
  provider: string;
  /** Model id as that provider knows it. */
  model: string;
  /** Weight for weighted balancing. Default 1. */
  weight?: number;
  /** Known context window, for context-length fallback. */
  contextWindow?: number;
}

/** Equivalent deployments serving one step of the chain; the balancer orders them per call. */
export interface CandidateGroup {
  deployments: Deployment[];
  balancing: BalancingStrategy;
}

/** How the router found the plan: what kind of name the caller gave, or where the default came from. */
export type RouteSource = 'model' | 'alias' | 'route' | 'task' | 'agent' | 'environment' | 'default';

/** What the router resolved a model name, alias, task or agent to. */
export interface RoutePlan {
  /** What the caller asked for (`smart`, `openai/gpt-4o`, `task:security`, `agent:reviewer/planner`). */
  requested: string;
  /** How it was resolved; absent in plans built by hand. */
  source?: RouteSource;
  /** The alias or route name the plan came from, when one did. */
  route?: string;
  /** Ordered fallback chain. */
  groups: CandidateGroup[];
  policies: PolicyOptions;
}
