import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse-config.js';
import { Router } from '../router/router.js';
import { createCatalog } from './create-catalog.js';

const catalog = createCatalog({ now: () => new Date('2025-12-20T00:00:00Z') });

describe('ModelCatalog lookups', () => {
  it('finds a model by provider/id, bare id or alias', () => {
    expect(catalog.get('anthropic/claude-sonnet-4-5')?.id).toBe('claude-sonnet-4-5');
    expect(catalog.get('claude-sonnet-4-5-20250929')?.id).toBe('claude-sonnet-4-5');
    expect(catalog.get('anthropic/claude-sonnet-4-5-20250929')?.id).toBe('claude-sonnet-4-5');
    expect(catalog.get('gpt-4o', 'openai')?.provider).toBe('openai');
    expect(catalog.get('no-such-model')).toBeUndefined();
  });

  it('lists every provider serving a bare name', () => {
    expect(
      catalog
        .findAll('openai/gpt-oss-120b')
        .map((e) => e.provider)
        .sort(),
    ).toEqual(['deepinfra', 'groq', 'together']);
  });
});

describe('ModelCatalog search', () => {
  it('filters by capabilities, context, price and provider, cheapest first', () => {
    const found = catalog.search({
      capabilities: ['tools', 'vision'],
      minContext: 100_000,
      maxInputPrice: 1,
    });
    expect(found.length).toBeGreaterThan(5);
    for (const entry of found) {
      expect(entry.capabilities).toEqual(expect.arrayContaining(['tools', 'vision']));
      expect(entry.prices.input.toNumber()).toBeLessThanOrEqual(1);
      expect(Math.max(entry.contextWindow, entry.extendedContextWindow ?? 0)).toBeGreaterThanOrEqual(100_000);
    }
    // 3:1 blend: 3 x 0.075 + 0.30 = 0.525 beats gpt-5-nano's 3 x 0.05 + 0.40 = 0.55.
    expect(found.slice(0, 2).map((e) => e.id)).toEqual(['gemini-2.0-flash-lite', 'gpt-5-nano']);
    expect(catalog.search({ provider: 'deepseek' }).map((e) => e.id)).toEqual([
      'deepseek-chat',
      'deepseek-reasoner',
    ]);
    expect(
      catalog.search({ provider: ['xai'], maxOutputPrice: '0.5' }).every((e) => e.provider === 'xai'),
    ).toBe(true);
  });

  it('counts a window available on request unless told not to', () => {
    const big = { minContext: 1_000_000, provider: 'anthropic' };
    expect(catalog.search(big).map((e) => e.id)).toEqual(['claude-sonnet-4-0', 'claude-sonnet-4-5']);
    expect(catalog.search({ ...big, countExtendedWindow: false })).toEqual([]);
  });

  it('leaves out models past their deprecation date unless asked', () => {
    const later = createCatalog({ now: () => new Date('2026-03-01T00:00:00Z') });
    expect(later.get('claude-3-7-sonnet-20250219')).toBeDefined();
    expect(later.search({ provider: 'anthropic' }).map((e) => e.id)).not.toContain(
      'claude-3-7-sonnet-20250219',
    );
    expect(later.search({ provider: 'anthropic', includeDeprecated: true }).map((e) => e.id)).toContain(
      'claude-3-7-sonnet-20250219',
    );
  });

  it('picks the cheapest, or the fastest by measured latency', () => {
    const query = { capabilities: ['tools' as const], provider: ['openai', 'anthropic'] };
    expect(catalog.cheapest(query)?.id).toBe('gpt-5-nano');
    const measured: Record<string, number> = {
      'anthropic/claude-haiku-4-5': 310,
      'openai/gpt-4.1-mini': 420,
    };
    const latency = (provider: string, model: string) => measured[`${provider}/${model}`];
    expect(catalog.fastest(query, latency)?.id).toBe('claude-haiku-4-5');
    expect(catalog.fastest(query, () => undefined)?.id).toBe('gpt-5-nano');
    expect(catalog.cheapest({ capabilities: ['audioOutput'] })).toBeUndefined();
  });

  it('finds embedding models only when asked for embeddings', () => {
    const embeddings = catalog.search({ capabilities: ['embeddings'] });
    expect(embeddings.every((e) => e.mode === 'embedding')).toBe(true);
    expect(embeddings.map((e) => e.id)).toContain('text-embedding-3-small');
    expect(catalog.find({ capabilities: ['tools'] }).some((c) => c.model.startsWith('text-embedding'))).toBe(
      false,
    );
  });
});

describe('ModelCatalog as the router catalog', () => {
  const config = parseConfig(
    {
      routes: {
        'cheap-vision': {
          require: {
            capabilities: ['vision', 'tools'],
            min_context: 100_000,
            max_price: { input: 1, output: 5 },
            preferred_providers: ['anthropic'],
          },
        },
        'long-reader': { require: { capabilities: ['tools'], min_context: 1_000_000, limit: 2 } },
      },
    },
    { env: {} },
  );
  const configured = new Set(['openai', 'anthropic', 'gemini']);
  const router = new Router({ config, catalog, env: {}, isAvailable: (p) => configured.has(p) });
  const ids = (model: string) => router.resolve({ model }).groups.map((g) => g.deployments.map((d) => d.id));

  it('resolves a requirement route to catalog models, preferred provider first, then cheapest', () => {
    expect(ids('cheap-vision')).toEqual([
      ['anthropic/claude-3-haiku-20240307'],
      ['anthropic/claude-3-5-haiku-20241022'],
      ['anthropic/claude-haiku-4-5'],
    ]);
    const anyProvider = new Router({
      config: parseConfig({ routes: { v: { require: { capabilities: ['vision'] } } } }, { env: {} }),
      catalog,
      env: {},
      isAvailable: (p) => configured.has(p),
    });
    expect(anyProvider.resolve({ model: 'v' }).groups.map((g) => g.deployments[0]!.id)).toEqual([
      'gemini/gemini-2.0-flash-lite',
      'openai/gpt-5-nano',
      // Ties (0.70 each with gemini-2.5-flash-lite) go by name.
      'gemini/gemini-2.0-flash',
    ]);
    const first = router.resolve({ model: 'cheap-vision' }).groups[0]!.deployments[0]!;
    expect(first.contextWindow).toBe(200_000);
  });

  it('counts only standard windows for routed calls', () => {
    expect(ids('long-reader')).toEqual([['gemini/gemini-2.0-flash-lite'], ['gemini/gemini-2.0-flash']]);
  });
});
