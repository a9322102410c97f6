import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse-config.js';
import { Router } from './router.js';

const config = parseConfig(
  {
    providers: {
      openai: { apiKey: 'sk-test-aaaaaaaa', model: 'gpt-4o-mini', useFor: ['summarize'] },
      'openai-eu': { preset: 'openai', weight: 3 },
      anthropic: { model: 'claude-sonnet-4-5', useFor: ['security', 'summarize'], contextWindow: 200_000 },
      azure: { deployments: { 'gpt-4o': { model: 'prod-gpt4o', contextWindow: 128_000 } } },
      groq: { enabled: false },
    },
    policies: {
      retry: { maxRetries: 2, initialDelayMs: 500 },
      circuitBreaker: { failureThreshold: 5 },
      balancing: 'round-robin',
    },
    aliases: {
      fast: 'openai/gpt-4o-mini',
      smart: {
        chain: [
          ['openai/gpt-4o', { model: 'openai-eu/gpt-4o', weight: 2 }],
          'anthropic/claude-sonnet-4-5',
          'fast',
        ],
        balancing: 'least-busy',
        policies: { retry: { maxRetries: 0 }, hedge: { delayMs: 800 } },
      },
      flaky: ['groq/llama-3.3-70b', 'fast'],
      onlyDisabled: 'groq/llama-3.3-70b',
    },
    routes: { review: ['azure/gpt-4o', 'anthropic'] },
    tasks: { translate: 'fast' },
    agents: {
      reviewer: {
        default: 'planner',
        policies: { timeouts: { attemptMs: 30_000 } },
        models: {
          planner: ['anthropic/claude-opus-4-1', 'smart'],
          coder: { chain: ['openai/gpt-4.1'], policies: { retry: { maxRetries: 5 } } },
        },
      },
    },
  },
  { env: {} },
);

const ids = (plan: { groups: Array<{ deployments: Array<{ id: string }> }> }) =>
  plan.groups.map((group) => group.deployments.map((deployment) => deployment.id));

describe('Router', () => {
  const router = new Router({ config, env: {} });

  it('resolves provider/model to one deployment with the global policies', () => {
    const plan = router.resolve({ model: 'openai/gpt-4o' });
    expect(plan).toEqual({
      requested: 'openai/gpt-4o',
      source: 'model',
      groups: [
        {
          deployments: [{ id: 'openai/gpt-4o', provider: 'openai', model: 'gpt-4o' }],
          balancing: 'round-robin',
        },
      ],
      policies: { retry: { maxRetries: 2, initialDelayMs: 500 }, circuitBreaker: { failureThreshold: 5 } },
    });
  });

  it('keeps slashes in the model part and maps configured deployments', () => {
    expect(ids(router.resolve({ model: 'openrouter/anthropic/claude-sonnet-4.5' }))).toEqual([
      ['openrouter/anthropic/claude-sonnet-4.5'],
    ]);
    expect(router.resolve({ model: 'azure/gpt-4o' }).groups[0]!.deployments[0]).toEqual({
      id: 'azure/prod-gpt4o',
      provider: 'azure',
      model: 'prod-gpt4o',
      contextWindow: 128_000,
    });
  });

  it('expands an alias into ordered groups with weights, nested aliases and route policies over global', () => {
    const plan = router.resolve({ model: 'smart' });
    expect(plan.source).toBe('alias');
    expect(plan.route).toBe('smart');
    expect(plan.groups).toEqual([
      {
        balancing: 'least-busy',
        deployments: [
          { id: 'openai/gpt-4o', provider: 'openai', model: 'gpt-4o' },
          { id: 'openai-eu/gpt-4o', provider: 'openai-eu', model: 'gpt-4o', weight: 2 },
        ],
      },
      {
        balancing: 'least-busy',
        deployments: [
          {
            id: 'anthropic/claude-sonnet-4-5',
            provider: 'anthropic',
            model: 'claude-sonnet-4-5',
            contextWindow: 200_000,
          },
        ],
      },
      {
        balancing: 'least-busy',
        deployments: [{ id: 'openai/gpt-4o-mini', provider: 'openai', model: 'gpt-4o-mini' }],
      },
    ]);
    expect(plan.policies).toEqual({
      retry: { maxRetries: 0, initialDelayMs: 500 },
      circuitBreaker: { failureThreshold: 5 },
      hedge: { delayMs: 800 },
    });
  });

  it('uses a provider weight and a bare provider id with its model', () => {
    expect(router.resolve({ model: 'openai-eu/gpt-4o' }).groups[0]!.deployments[0]!.weight).toBe(3);
    expect(ids(router.resolve({ model: 'review' }))).toEqual([
      ['azure/prod-gpt4o'],
      ['anthropic/claude-sonnet-4-5'],
    ]);
  });

  it('skips providers disabled in config, and fails when nothing is left', () => {
    expect(ids(router.resolve({ model: 'flaky' }))).toEqual([['openai/gpt-4o-mini']]);
    expect(() => router.resolve({ model: 'onlyDisabled' })).toThrow(
      "every candidate for 'onlyDisabled' is on a provider disabled in the config",
    );
  });

  it('resolves tasks through tasks, then use_for tags in config order', () => {
    expect(router.resolve({ task: 'translate' })).toMatchObject({
      requested: 'task:translate',
      source: 'task',
    });
    expect(ids(router.resolve({ task: 'translate' }))).toEqual([['openai/gpt-4o-mini']]);
    expect(ids(router.resolve({ task: 'review' }))).toEqual([
      ['azure/prod-gpt4o'],
      ['anthropic/claude-sonnet-4-5'],
    ]);
    expect(ids(router.resolve({ task: 'summarize' }))).toEqual([
      ['openai/gpt-4o-mini'],
      ['anthropic/claude-sonnet-4-5'],
    ]);
    expect(() => router.resolve({ task: 'poetry' })).toThrow(
      "no route for task 'poetry': add tasks.poetry, a route named poetry, or use_for: [poetry] on a provider",
    );
  });

  it('lets an explicit model win over a task', () => {
    expect(ids(router.resolve({ model: 'openai/gpt-4o', task: 'security' }))).toEqual([['openai/gpt-4o']]);
  });

  it("resolves an agent's roles with its own chain and policies, and its default", () => {
    const planner = router.resolve({ agent: 'reviewer' });
    expect(planner.requested).toBe('agent:reviewer/planner');
    expect(planner.source).toBe('agent');
    expect(ids(planner)).toEqual([
      ['anthropic/claude-opus-4-1'],
      ['openai/gpt-4o', 'openai-eu/gpt-4o'],
      ['anthropic/claude-sonnet-4-5'],
      ['openai/gpt-4o-mini'],
    ]);
    expect(planner.policies.timeouts).toEqual({ attemptMs: 30_000 });
    const coder = router.resolve({ agent: 'reviewer', model: 'coder' });
    expect(ids(coder)).toEqual([['openai/gpt-4.1']]);
    expect(coder.policies.retry).toEqual({ maxRetries: 5, initialDelayMs: 500 });
    expect(ids(router.resolve({ agent: 'reviewer', model: 'fast' }))).toEqual([['openai/gpt-4o-mini']]);
    expect(() => router.resolve({ agent: 'nobody' })).toThrow(
      "unknown agent 'nobody'; configured agents: reviewer",
    );
  });

  it('names the aliases and routes when a name is unknown', () => {
    expect(() => router.resolve({ model: 'smrt' })).toThrow(
      "unknown model 'smrt': not provider/model, an alias or a route; aliases: fast, flaky, onlyDisabled, smart; routes: review",
    );
  });

  it('lists every deployment the config names', () => {
    expect(router.knownDeployments().map((d) => d.id)).toEqual([
      'openai/gpt-4o-mini',
      'openai/gpt-4o',
      'openai-eu/gpt-4o',
      'anthropic/claude-sonnet-4-5',
      'azure/prod-gpt4o',
      'anthropic/claude-opus-4-1',
      'openai/gpt-4.1',
    ]);
  });
});

describe('Router environment selection', () => {
  it('uses SWITCHYARD_MODEL (a model, alias or route) when the call names none', () => {
    const plan = new Router({ config, env: { SWITCHYARD_MODEL: 'smart' } }).resolve();
    expect(plan).toMatchObject({ requested: 'smart', source: 'environment', route: 'smart' });
    expect(ids(new Router({ env: { SWITCHYARD_MODEL: 'mock/echo' } }).resolve())).toEqual([['mock/echo']]);
  });

  it('uses MODEL_PROVIDER with <ID>_MODEL, as people already write it', () => {
    const env = { MODEL_PROVIDER: 'anthropic', ANTHROPIC_MODEL: 'claude-sonnet-4-5' };
    expect(ids(new Router({ env }).resolve())).toEqual([['anthropic/claude-sonnet-4-5']]);
    const eu = { MODEL_PROVIDER: 'openai-eu', OPENAI_EU_MODEL: 'gpt-4o' };
    expect(ids(new Router({ config, env: eu }).resolve())).toEqual([['openai-eu/gpt-4o']]);
  });

  it("falls back to the provider's configured model, and explains a missing one", () => {
    expect(ids(new Router({ config, env: { MODEL_PROVIDER: 'openai' } }).resolve())).toEqual([
      ['openai/gpt-4o-mini'],
    ]);
    expect(() => new Router({ env: { MODEL_PROVIDER: 'mistral' } }).resolve()).toThrow(
      'MODEL_PROVIDER is mistral but MISTRAL_MODEL is not set',
    );
  });

  it('prefers an explicit model over the environment, and the environment over default_model', () => {
    const withDefault = parseConfig(
      { defaultModel: 'fast', aliases: { fast: 'openai/gpt-4o-mini' } },
      { env: {} },
    );
    expect(
      ids(new Router({ config: withDefault, env: { SWITCHYARD_MODEL: 'x/y' } }).resolve({ model: 'a/b' })),
    ).toEqual([['a/b']]);
    expect(ids(new Router({ config: withDefault, env: { SWITCHYARD_MODEL: 'x/y' } }).resolve())).toEqual([
      ['x/y'],
    ]);
    const plan = new Router({ config: withDefault, env: {} }).resolve();
    expect(plan).toMatchObject({ source: 'default', route: 'fast' });
  });

  it('names the variable when the environment selects an unknown name', () => {
    expect(() => new Router({ config, env: { SWITCHYARD_MODEL: 'smrat' } }).resolve()).toThrow(
      "SWITCHYARD_MODEL: unknown model 'smrat'",
    );
  });

  it('says how to choose a model when nothing selects one', () => {
    expect(() => new Router({ env: {} }).resolve()).toThrow(
      /^no model given: pass a model, a task or an agent/,
    );
  });
});
