// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config text uses ${VAR} placeholders on purpose
import { describe, expect, it } from 'vitest';
import { Router } from '../router/router.js';
import { parseConfig } from './parse-config.js';
import { parseConfigText } from './parse-config-text.js';

const providerChainSeed = `
provider_chain:
  primary: anthropic/claude-sonnet-4-5
  fallback:
    - openai/gpt-4o
    - ollama/llama3.1
  circuit_breaker:
    enabled: true
    failure_threshold: 5
    reset_timeout: 60
`;

const providersListSeed = `
providers:
  - name: anthropic
    api_key: \${ANTHROPIC_API_KEY}
    model: claude-sonnet-4-5
    use_for: [security, code_review]
  - name: openai
    api_key: \${OPENAI_API_KEY}
    model: gpt-4o-mini
    use_for: [general, security]
  - name: ollama
    base_url: http://localhost:11434
    model: llama3.1
    use_for: general
`;

const env = { ANTHROPIC_API_KEY: 'sk-ant-test-000000', OPENAI_API_KEY: 'sk-test-111111' };

describe('seed shapes work as written', () => {
  it('provider_chain: primary, fallback list and a circuit breaker with a reset timeout in seconds', () => {
    const config = parseConfig(parseConfigText(providerChainSeed, 'yaml', 'switchyard.yaml'), { env: {} });
    const plan = new Router({ config, env: {} }).resolve();
    expect(plan.requested).toBe('provider_chain');
    expect(plan.groups.map((group) => group.deployments.map((d) => d.id))).toEqual([
      ['anthropic/claude-sonnet-4-5'],
      ['openai/gpt-4o'],
      ['ollama/llama3.1'],
    ]);
    expect(plan.policies.circuitBreaker).toEqual({
      enabled: true,
      failureThreshold: 5,
      resetTimeoutMs: 60_000,
    });
  });

  it('provider_chain accepts bare configured providers and explicit units', () => {
    const config = parseConfig(
      {
        providers: { anthropic: { model: 'claude-sonnet-4-5' }, openai: { model: 'gpt-4o' } },
        provider_chain: {
          primary: 'anthropic',
          fallback: 'openai',
          circuit_breaker: { reset_timeout: '90s' },
        },
      },
      { env: {} },
    );
    const plan = new Router({ config, env: {} }).resolve();
    expect(plan.groups.map((group) => group.deployments[0]!.id)).toEqual([
      'anthropic/claude-sonnet-4-5',
      'openai/gpt-4o',
    ]);
    expect(plan.policies.circuitBreaker).toEqual({ resetTimeoutMs: 90_000 });
  });

  it('providers list with use_for tags and config.getProviderForTask', () => {
    const config = parseConfig(parseConfigText(providersListSeed, 'yaml', 'switchyard.yaml'), { env });
    expect(config.getProviderForTask('security')).toMatchObject({
      id: 'anthropic',
      name: 'anthropic',
      model: 'claude-sonnet-4-5',
      apiKey: 'sk-ant-test-000000',
    });
    expect(config.getProviderForTask('general')?.id).toBe('openai');
    expect(config.getProvidersForTask('general').map((p) => p.id)).toEqual(['openai', 'ollama']);
    expect(config.getProviderForTask('poetry')).toBeUndefined();
    const plan = new Router({ config, env: {} }).resolve({ task: 'security' });
    expect(plan.groups.map((group) => group.deployments[0]!.id)).toEqual([
      'anthropic/claude-sonnet-4-5',
      'openai/gpt-4o-mini',
    ]);
  });

  it('a disabled provider drops out of its tasks', () => {
    const config = parseConfig(
      {
        providers: [
          { name: 'anthropic', model: 'claude-sonnet-4-5', use_for: ['security'], enabled: false },
          { name: 'openai', model: 'gpt-4o', use_for: ['security'] },
        ],
      },
      { env: {} },
    );
    expect(config.getProviderForTask('security')?.id).toBe('openai');
  });
});

describe('the same object in code', () => {
  it('accepts camelCase and snake_case keys alike and keeps names as given', () => {
    const snake = parseConfig(
      {
        default_model: 'smart',
        providers: {
          'openai-eu': { preset: 'openai', api_key: 'k', base_url: 'https://eu', timeout_ms: 1000 },
        },
        aliases: { smart: ['openai-eu/gpt-4o'] },
        policies: {
          circuit_breaker: { failure_threshold: 3, half_open_max_calls: 2 },
          retry: { max_retry_after_ms: '1m' },
        },
        health: { interval: 30, required_providers: ['openai-eu'] },
      },
      { env: {} },
    );
    const camel = parseConfig(
      {
        defaultModel: 'smart',
        providers: { 'openai-eu': { preset: 'openai', apiKey: 'k', baseUrl: 'https://eu', timeoutMs: 1000 } },
        aliases: { smart: ['openai-eu/gpt-4o'] },
        policies: {
          circuitBreaker: { failureThreshold: 3, halfOpenMaxCalls: 2 },
          retry: { maxRetryAfterMs: 60_000 },
        },
        health: { intervalMs: '30s', requiredProviders: ['openai-eu'] },
      },
      { env: {} },
    );
    expect(snake.data).toEqual(camel.data);
    expect(camel.health).toEqual({ intervalMs: 30_000, requiredProviders: ['openai-eu'] });
    expect(camel.providerOverrides()['openai-eu']).toMatchObject({
      preset: 'openai',
      apiKey: 'k',
      timeoutMs: 1000,
    });
  });

  it('keeps header names and protocol options exactly as written', () => {
    const config = parseConfig(
      {
        providers: {
          openrouter: {
            headers: { 'HTTP-Referer': 'https://example.test', X_Custom_Header: 'a' },
            options: { api_version: '2024-10-21', nested: { snake_key: 1 } },
          },
        },
      },
      { env: {} },
    );
    expect(config.providers.openrouter).toEqual({
      headers: { 'HTTP-Referer': 'https://example.test', X_Custom_Header: 'a' },
      options: { api_version: '2024-10-21', nested: { snake_key: 1 } },
    });
  });

  it('reads a unit-less duration from a variable as seconds too', () => {
    const config = parseConfig(
      { policies: { circuitBreaker: { reset_timeout: '${RESET:-45}' } }, health: { interval: '${EVERY}' } },
      { env: { EVERY: '2m' } },
    );
    expect(config.policies.circuitBreaker).toEqual({ resetTimeoutMs: 45_000 });
    expect(config.health.intervalMs).toBe(120_000);
  });

  it('reads numbers and booleans given as strings by ${VAR}', () => {
    const config = parseConfig(
      { policies: { retry: { maxRetries: '${RETRIES:-4}' }, circuitBreaker: { enabled: '${CB}' } } },
      { env: { CB: 'false' } },
    );
    expect(config.policies).toEqual({ retry: { maxRetries: 4 }, circuitBreaker: { enabled: false } });
  });
});
