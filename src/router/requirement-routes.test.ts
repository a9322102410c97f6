import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse-config.js';
import type { CatalogCandidate, CatalogLookup, ModelRequirement } from './catalog-lookup.js';
import { Router } from './router.js';

interface Entry extends CatalogCandidate {
  capabilities: string[];
}

/** A small in-test catalog: filters on capabilities and context only, so the router's own checks show. */
class FakeCatalog implements CatalogLookup {
  readonly asked: ModelRequirement[] = [];
  constructor(private readonly entries: Entry[]) {}
  find(requirement: ModelRequirement): CatalogCandidate[] {
    this.asked.push(requirement);
    return this.entries
      .filter((entry) => (requirement.capabilities ?? []).every((cap) => entry.capabilities.includes(cap)))
      .map(({ capabilities: _, ...candidate }) => candidate);
  }
}

const catalog = new FakeCatalog([
  {
    provider: 'openai',
    model: 'gpt-4o',
    contextWindow: 128_000,
    inputPrice: 2.5,
    outputPrice: 10,
    capabilities: ['vision', 'tools'],
  },
  {
    provider: 'openai',
    model: 'gpt-4o-mini',
    contextWindow: 128_000,
    inputPrice: 0.15,
    outputPrice: 0.6,
    capabilities: ['vision', 'tools'],
  },
  {
    provider: 'anthropic',
    model: 'claude-haiku-4-5',
    contextWindow: 200_000,
    inputPrice: 1,
    outputPrice: 5,
    capabilities: ['vision', 'tools'],
  },
  {
    provider: 'gemini',
    model: 'gemini-2.5-flash',
    contextWindow: 1_048_576,
    inputPrice: 0.3,
    outputPrice: 2.5,
    capabilities: ['vision', 'tools'],
  },
  {
    provider: 'groq',
    model: 'llama-3.1-8b-instant',
    contextWindow: 131_072,
    inputPrice: 0.05,
    outputPrice: 0.08,
    capabilities: ['tools'],
  },
  { provider: 'local', model: 'tiny', contextWindow: 8_192, capabilities: ['tools', 'vision'] },
]);

const config = parseConfig(
  {
    providers: { gemini: { enabled: false } },
    routes: {
      'cheap-vision': {
        require: {
          capabilities: ['vision', 'tools'],
          min_context: 100_000,
          max_price: { input: 1.0, output: 5 },
          preferred_providers: ['anthropic'],
        },
        policies: { retry: { max_retries: 1 } },
      },
      'any-tools': { require: { capabilities: ['tools'], limit: 2 } },
      impossible: { require: { capabilities: ['vision'], min_context: 2_000_000 } },
    },
    aliases: { best: ['openai/gpt-4.1', 'cheap-vision'] },
  },
  { env: {} },
);

const ids = (plan: { groups: Array<{ deployments: Array<{ id: string }> }> }) =>
  plan.groups.map((group) => group.deployments.map((deployment) => deployment.id));

describe('requirement routes', () => {
  it('asks the catalog, re-checks context and price, skips disabled providers, prefers listed providers', () => {
    const router = new Router({ config, catalog, env: {} });
    const plan = router.resolve({ model: 'cheap-vision' });
    expect(catalog.asked.at(-1)).toEqual({
      capabilities: ['vision', 'tools'],
      minContext: 100_000,
      maxPrice: { input: 1, output: 5 },
      preferredProviders: ['anthropic'],
    });
    expect(ids(plan)).toEqual([['anthropic/claude-haiku-4-5'], ['openai/gpt-4o-mini']]);
    expect(plan.groups[0]!.deployments[0]!.contextWindow).toBe(200_000);
    expect(plan.policies.retry).toEqual({ maxRetries: 1 });
  });

  it('keeps only usable providers and honours the limit', () => {
    const router = new Router({ config, catalog, env: {}, isAvailable: (provider) => provider !== 'openai' });
    expect(ids(router.resolve({ model: 'any-tools' }))).toEqual([
      ['anthropic/claude-haiku-4-5'],
      ['groq/llama-3.1-8b-instant'],
    ]);
  });

  it('splices a requirement route into a chain', () => {
    const router = new Router({ config, catalog, env: {} });
    expect(ids(router.resolve({ model: 'best' }))).toEqual([
      ['openai/gpt-4.1'],
      ['anthropic/claude-haiku-4-5'],
      ['openai/gpt-4o-mini'],
    ]);
  });

  it('says what could not be met', () => {
    const router = new Router({ config, catalog, env: {} });
    expect(() => router.resolve({ model: 'impossible' })).toThrow(
      "no usable model in the catalog meets route 'impossible' (capabilities vision; context at least 2000000 tokens)",
    );
  });

  it('fails clearly without a catalog', () => {
    const router = new Router({ config, env: {} });
    expect(() => router.resolve({ model: 'cheap-vision' })).toThrow(
      "route 'cheap-vision' is a requirement route and needs a model catalog to choose models; none is configured",
    );
    expect(router.knownDeployments().map((d) => d.id)).toEqual(['openai/gpt-4.1']);
  });
});
