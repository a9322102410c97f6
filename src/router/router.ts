import type { PoliciesConfig } from '../config/policies-schema.js';
import type { RouteConfig } from '../config/routes-schema.js';
import { SwitchyardConfig } from '../config/switchyard-config.js';
import type { BalancingStrategy } from '../policies/policy-options.js';
import type { Environment } from '../providers/registry/provider-overrides.js';
import type { CatalogLookup } from './catalog-lookup.js';
import { environmentSelection } from './environment-selection.js';
import { type ExpandContext, expandRoute, expandSteps } from './expand-chain.js';
import { mergePolicies } from './merge-policies.js';
import type { CandidateGroup, Deployment, RoutePlan, RouteSource } from './route-plan.js';
import { listOrNone, routingError } from './router-errors.js';

export interface RouteRequest {
  /** `provider/model`, an alias, a route name, or (with `agent`) one of the agent's model roles. */
  model?: string;
  /** A task (`security`): `tasks`, then a route of that name, then providers with it in `use_for`. */
  task?: string;
  /** An agent from `agents`, whose own model map and policies apply. */
  agent?: string;
}

export interface RouterOptions {
  config?: SwitchyardConfig;
  /** For SWITCHYARD_MODEL / MODEL_PROVIDER (default `process.env`). */
  env?: Environment;
  /** Resolves requirement routes; without it they fail with a clear error. */
  catalog?: CatalogLookup;
  /** Whether a provider is usable (configured); catalog candidates of other providers are skipped. */
  isAvailable?: (provider: string) => boolean;
}

const DEFAULT_BALANCING: BalancingStrategy = 'weighted';

/**
 * Turns what a caller asked for into a RoutePlan. Precedence: an agent's model map, then an explicit
 * model, then a task, then the environment (SWITCHYARD_MODEL, MODEL_PROVIDER + <ID>_MODEL), then
 * `default_model`, then `provider_chain`. Policies: global, then agent, then route.
 */
export class Router {
  readonly config: SwitchyardConfig;
  readonly #env: Environment;
  readonly #context: ExpandContext;
  /**
   * Plans of explicit model names. A plan depends only on the config, the catalog and which
   * providers are configured, all fixed once the router exists, and resolving one is about a
   * tenth of a call's overhead in the client. Bounded: cleared when it passes 1,000 names.
   */
  readonly #byModel = new Map<string, RoutePlan>();

  constructor(options: RouterOptions = {}) {
    this.config = options.config ?? new SwitchyardConfig();
    this.#env = options.env ?? process.env;
    this.#context = { config: this.config, catalog: options.catalog, isAvailable: options.isAvailable };
  }

  resolve(request: RouteRequest = {}): RoutePlan {
    if (request.agent !== undefined) return this.#resolveAgent(request.agent, request.model);
    if (request.model) return this.#resolveModel(request.model);
    if (request.task !== undefined) return this.#resolveTask(request.task);
    const fromEnv = environmentSelection(this.#env, this.config);
    if (fromEnv) {
      try {
        return { ...this.#resolveName(fromEnv.name, fromEnv.name, []), source: 'environment' };
      } catch (error) {
        throw routingError(`${fromEnv.variable}: ${(error as Error).message}`);
      }
    }
    if (this.config.defaultModel) {
      return {
        ...this.#resolveName(this.config.defaultModel, this.config.defaultModel, []),
        source: 'default',
      };
    }
    if (this.config.providerChain) return this.#providerChainPlan();
    throw routingError(
      'no model given: pass a model, a task or an agent, set SWITCHYARD_MODEL (or MODEL_PROVIDER and <PROVIDER>_MODEL), or set default_model or provider_chain in the config',
      'invalid_request',
    );
  }

  #resolveModel(model: string): RoutePlan {
    let plan = this.#byModel.get(model);
    if (plan) return plan;
    plan = this.#resolveName(model, model, []);
    if (this.#byModel.size >= 1000) this.#byModel.clear();
    this.#byModel.set(model, plan);
    return plan;
  }

  /** Every deployment the config's chains name (requirement routes excluded), for health and stats. */
  knownDeployments(): Deployment[] {
    const seen = new Map<string, Deployment>();
    this.#context.skipRequirements = true;
    const add = (plan: () => RoutePlan) => {
      try {
        for (const group of plan().groups)
          for (const d of group.deployments) if (!seen.has(d.id)) seen.set(d.id, d);
      } catch {
        // A route that cannot resolve now (no catalog, disabled providers) names no deployment.
      }
    };
    for (const name of [...Object.keys(this.config.aliases), ...Object.keys(this.config.routes)]) {
      add(() => this.#resolveName(name, name, []));
    }
    for (const task of Object.keys(this.config.tasks)) add(() => this.#resolveTask(task));
    for (const [agent, config] of Object.entries(this.config.agents)) {
      for (const role of Object.keys(config.models)) add(() => this.#resolveAgent(agent, role));
    }
    if (this.config.providerChain) add(() => this.#providerChainPlan());
    for (const [id, provider] of Object.entries(this.config.providers)) {
      if (provider.model) add(() => this.#resolveName(id, id, []));
    }
    this.#context.skipRequirements = false;
    return [...seen.values()];
  }

  #resolveName(name: string, requested: string, layers: Array<PoliciesConfig | undefined>): RoutePlan {
    const alias = Object.hasOwn(this.config.aliases, name) ? this.config.aliases[name] : undefined;
    const route = alias ?? (Object.hasOwn(this.config.routes, name) ? this.config.routes[name] : undefined);
    if (route) return this.#routePlan(route, name, requested, alias ? 'alias' : 'route', layers);
    return this.#routePlan({ chain: [{ group: [{ model: name }] }] }, undefined, requested, 'model', layers);
  }

  #resolveTask(task: string): RoutePlan {
    const requested = `task:${task}`;
    const configured = Object.hasOwn(this.config.tasks, task) ? this.config.tasks[task] : undefined;
    if (configured) return this.#routePlan(configured, task, requested, 'task', []);
    if (Object.hasOwn(this.config.aliases, task) || Object.hasOwn(this.config.routes, task)) {
      return { ...this.#resolveName(task, requested, []), source: 'task' };
    }
    const tagged = this.config.getProvidersForTask(task);
    if (tagged.length > 0) {
      const chain = tagged.map((provider) => ({ group: [{ model: provider.id }] }));
      return this.#routePlan({ chain }, undefined, requested, 'task', []);
    }
    throw routingError(
      `no route for task '${task}': add tasks.${task}, a route named ${task}, or use_for: [${task}] on a provider`,
    );
  }

  #resolveAgent(agentName: string, role: string | undefined): RoutePlan {
    const agent = Object.hasOwn(this.config.agents, agentName) ? this.config.agents[agentName] : undefined;
    if (!agent) {
      throw routingError(
        `unknown agent '${agentName}'; configured agents: ${listOrNone(Object.keys(this.config.agents))}`,
      );
    }
    const roles = Object.keys(agent.models);
    const chosen = role ?? agent.default ?? (roles.length === 1 ? roles[0] : undefined);
    if (chosen === undefined) {
      throw routingError(
        `agent '${agentName}' has no default model; pass one of its models (${listOrNone(roles)}) or set agents.${agentName}.default`,
        'invalid_request',
      );
    }
    const layers = [agent.policies];
    if (Object.hasOwn(agent.models, chosen)) {
      return this.#routePlan(agent.models[chosen]!, chosen, `agent:${agentName}/${chosen}`, 'agent', layers);
    }
    return { ...this.#resolveName(chosen, `agent:${agentName}/${chosen}`, layers), source: 'agent' };
  }

  #providerChainPlan(): RoutePlan {
    const chain = this.config.providerChain!;
    const layer: PoliciesConfig = {
      circuitBreaker: chain.circuitBreaker,
      retry: chain.retry,
      timeouts: chain.timeouts,
      hedge: chain.hedge,
      fallback: chain.fallbackPolicy,
      balancing: chain.balancing,
    };
    const { policies, balancing } = mergePolicies(this.config.policies, layer);
    const groups = expandSteps(
      this.#context,
      [chain.primary, ...(chain.fallback ?? [])],
      balancing ?? DEFAULT_BALANCING,
      ['provider_chain'],
    );
    return this.#finish({
      requested: 'provider_chain',
      source: 'default',
      route: 'provider_chain',
      groups,
      policies,
    });
  }

  #routePlan(
    route: RouteConfig,
    name: string | undefined,
    requested: string,
    source: RouteSource,
    layers: Array<PoliciesConfig | undefined>,
  ): RoutePlan {
    const { policies, balancing } = mergePolicies(this.config.policies, ...layers, route.policies);
    const groups = expandRoute(this.#context, route, name ?? requested, balancing ?? DEFAULT_BALANCING);
    return this.#finish({
      requested,
      source,
      ...(name === undefined ? {} : { route: name }),
      groups,
      policies,
    });
  }

  /** Drops providers disabled in config and repeated deployments; an empty plan is an error. */
  #finish(plan: RoutePlan): RoutePlan {
    const seen = new Set<string>();
    const groups: CandidateGroup[] = [];
    for (const group of plan.groups) {
      const deployments = group.deployments.filter((deployment) => {
        if (seen.has(deployment.id)) return false;
        seen.add(deployment.id);
        return this.config.providers[deployment.provider]?.enabled !== false;
      });
      if (deployments.length > 0) groups.push({ ...group, deployments });
    }
    if (groups.length === 0) {
      throw routingError(`every candidate for '${plan.requested}' is on a provider disabled in the config`);
    }
    return { ...plan, groups };
  }
}
