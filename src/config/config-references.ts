import type { ConfigData } from './config-schema.js';
import type { ChainStepConfig, RouteConfig } from './routes-schema.js';

export type ReferenceKind = 'alias' | 'route' | 'model' | 'provider';

/**
 * What a name in a chain means. Aliases and routes win over `provider/model`, so a user can name an
 * alias `openai/fast`; a bare configured provider id stands for that provider's `model`.
 */
export function classifyReference(data: ConfigData, ref: string): ReferenceKind | undefined {
  if (data.aliases && Object.hasOwn(data.aliases, ref)) return 'alias';
  if (data.routes && Object.hasOwn(data.routes, ref)) return 'route';
  if (ref.indexOf('/') > 0 && !ref.endsWith('/')) return 'model';
  if (data.providers && Object.hasOwn(data.providers, ref) && data.providers[ref]?.model) return 'provider';
  return undefined;
}

export interface ReferenceIssue {
  path: PropertyKey[];
  message: string;
}

/**
 * Checks what the schema cannot: names that point nowhere, cycles, tags without a model, clashes,
 * and (when the built-in provider ids are given) presets that do not exist.
 */
export function checkReferences(
  data: ConfigData,
  options: { presets?: readonly string[] } = {},
): ReferenceIssue[] {
  const issues: ReferenceIssue[] = [];
  const checkRef = (path: PropertyKey[], ref: string) => {
    if (classifyReference(data, ref) === undefined) {
      issues.push({
        path,
        message: `'${ref}' is not an alias, a route, provider/model, or a configured provider with a model; expected one of those`,
      });
    }
  };
  const checkSteps = (path: PropertyKey[], steps: readonly ChainStepConfig[]) => {
    for (const [i, step] of steps.entries()) {
      for (const [j, entry] of step.group.entries()) checkRef([...path, i, 'group', j, 'model'], entry.model);
    }
  };
  const checkRoute = (path: PropertyKey[], route: RouteConfig) =>
    checkSteps([...path, 'chain'], route.chain ?? []);

  for (const [id, provider] of Object.entries(data.providers ?? {})) {
    if (options.presets && provider.preset && !options.presets.includes(provider.preset)) {
      issues.push({
        path: ['providers', id, 'preset'],
        message: `'${provider.preset}' is not a built-in provider; expected one of ${[...options.presets].sort().join(', ')}`,
      });
    }
    if (provider.useFor?.length && !provider.model) {
      issues.push({
        path: ['providers', id, 'model'],
        message: 'is required because use_for is set; expected the model to use for those tasks',
      });
    }
  }
  for (const name of Object.keys(data.routes ?? {})) {
    if (data.aliases && Object.hasOwn(data.aliases, name)) {
      issues.push({
        path: ['routes', name],
        message: 'is also defined under aliases; expected unique names',
      });
    }
  }
  for (const section of ['aliases', 'routes', 'tasks'] as const) {
    for (const [name, route] of Object.entries(data[section] ?? {})) checkRoute([section, name], route);
  }
  for (const [agent, config] of Object.entries(data.agents ?? {})) {
    for (const [role, route] of Object.entries(config.models))
      checkRoute(['agents', agent, 'models', role], route);
    if (config.default && !Object.hasOwn(config.models, config.default)) {
      checkRef(['agents', agent, 'default'], config.default);
    }
  }
  if (data.providerChain) {
    for (const [j, entry] of data.providerChain.primary.group.entries()) {
      checkRef(['providerChain', 'primary', 'group', j, 'model'], entry.model);
    }
    checkSteps(['providerChain', 'fallback'], data.providerChain.fallback ?? []);
  }
  if (data.defaultModel) checkRef(['defaultModel'], data.defaultModel);
  issues.push(...findCycles(data));
  return issues;
}

function findCycles(data: ConfigData): ReferenceIssue[] {
  const named = new Map<string, { section: 'aliases' | 'routes'; route: RouteConfig }>();
  for (const [name, route] of Object.entries(data.routes ?? {}))
    named.set(name, { section: 'routes', route });
  for (const [name, route] of Object.entries(data.aliases ?? {}))
    named.set(name, { section: 'aliases', route });
  const issues: ReferenceIssue[] = [];
  const done = new Set<string>();
  const visit = (name: string, trail: string[]) => {
    if (trail.includes(name)) {
      const cycle = [...trail.slice(trail.indexOf(name)), name];
      const first = named.get(cycle[0]!)!;
      issues.push({
        path: [first.section, cycle[0]!],
        message: `refers back to itself (${cycle.join(' -> ')}); expected a chain that ends in provider/model names`,
      });
      return;
    }
    if (done.has(name)) return;
    const entry = named.get(name);
    for (const step of entry?.route.chain ?? []) {
      for (const item of step.group) if (named.has(item.model)) visit(item.model, [...trail, name]);
    }
    done.add(name);
  };
  for (const name of named.keys()) visit(name, []);
  return issues;
}
