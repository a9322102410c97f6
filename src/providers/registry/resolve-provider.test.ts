import { describe, expect, it } from 'vitest';
import { MockProvider } from '../mock/mock-provider.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { ProviderRegistry } from './provider-registry.js';
import { resolveProvider } from './resolve-provider.js';

const features = {
  streaming: true,
  tools: true,
  structuredOutput: true,
  jsonMode: true,
  vision: false,
  embeddings: false,
  reasoning: false,
};

function definition(overrides: Partial<ProviderDefinition>): ProviderDefinition {
  return {
    id: 'acme',
    displayName: 'Acme',
    protocol: 'openai',
    defaultBaseUrl: 'https://api.acme.test/v1/',
    apiKeyEnv: ['ACME_API_KEY'],
    baseUrlEnv: ['ACME_BASE_URL'],
    registersWhen: 'api-key',
    features,
    source: { url: 'https://acme.test/docs', checked: '2026-11-21' },
    create: (settings) => new MockProvider({ id: settings.id }),
    ...overrides,
  };
}

describe('resolveProvider', () => {
  it('registers from the key variable and says why', () => {
    const { status, settings } = resolveProvider(definition({}), { ACME_API_KEY: 'k1' });
    expect(status.configured).toBe(true);
    expect(status.reason).toBe('ACME_API_KEY is set');
    expect(settings).toMatchObject({ id: 'acme', apiKey: 'k1', baseUrl: 'https://api.acme.test/v1' });
  });

  it('explains a missing key without registering', () => {
    const { status, settings } = resolveProvider(definition({ apiKeyEnv: ['A_KEY', 'B_KEY'] }), {});
    expect(settings).toBeUndefined();
    expect(status.reason).toBe('no API key: set A_KEY or B_KEY');
  });

  it('lets the base URL variable and code overrides win, in that order', () => {
    const env = { ACME_API_KEY: 'k1', ACME_BASE_URL: 'http://127.0.0.1:9/v1' };
    expect(resolveProvider(definition({}), env).settings?.baseUrl).toBe('http://127.0.0.1:9/v1');
    const fromCode = resolveProvider(definition({}), env, { apiKey: 'k2', baseUrl: 'http://localhost:1/v1' });
    expect(fromCode.settings).toMatchObject({ apiKey: 'k2', baseUrl: 'http://localhost:1/v1' });
    expect(fromCode.status.reason).toBe('configured in config');
  });

  it('registers a local server only when its URL is given, and honours enabled: false', () => {
    const local = definition({
      registersWhen: 'base-url',
      apiKeyEnv: [],
      defaultBaseUrl: 'http://localhost:1234/v1',
    });
    expect(resolveProvider(local, {}).status.configured).toBe(false);
    expect(resolveProvider(local, { ACME_BASE_URL: 'http://127.0.0.1:5/v1' }).status.configured).toBe(true);
    expect(resolveProvider(definition({}), { ACME_API_KEY: 'k' }, { enabled: false }).status.reason).toBe(
      'disabled in config',
    );
  });

  it('needs an endpoint when there is no default (Azure, custom)', () => {
    const { status } = resolveProvider(definition({ defaultBaseUrl: undefined }), { ACME_API_KEY: 'k' });
    expect(status.reason).toBe('no endpoint: set ACME_BASE_URL');
  });
});

describe('ProviderRegistry', () => {
  it('always has the mock, lists unconfigured providers and explains them on use', () => {
    const registry = new ProviderRegistry({ definitions: [definition({})], env: {} });
    expect(registry.get('mock')).toBeInstanceOf(MockProvider);
    expect(registry.statuses().map((s) => [s.id, s.configured])).toEqual([
      ['acme', false],
      ['mock', true],
    ]);
    expect(() => registry.require('acme')).toThrow(
      /provider 'acme' is not configured: no API key: set ACME_API_KEY/,
    );
    expect(() => registry.require('nope')).toThrow(/unknown provider 'nope'/);
  });

  it('creates a keyless local provider on its default endpoint when asked by name', () => {
    const local = definition({
      id: 'local',
      registersWhen: 'base-url',
      apiKeyEnv: [],
      defaultBaseUrl: 'http://localhost:1/v1',
    });
    const registry = new ProviderRegistry({ definitions: [local], env: {} });
    expect(registry.require('local').id).toBe('local');
  });
});
