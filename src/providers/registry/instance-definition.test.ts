import { describe, expect, it } from 'vitest';
import { MockProvider } from '../mock/mock-provider.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { environmentPrefix } from './instance-definition.js';
import { ProviderRegistry } from './provider-registry.js';

const created: Array<{ id: string; apiKey?: string; baseUrl: string }> = [];

const openai: ProviderDefinition = {
  id: 'openai',
  displayName: 'OpenAI',
  protocol: 'openai',
  defaultBaseUrl: 'https://api.openai.com/v1',
  apiKeyEnv: ['OPENAI_API_KEY'],
  baseUrlEnv: ['OPENAI_BASE_URL'],
  registersWhen: 'api-key',
  features: {
    streaming: true,
    tools: true,
    structuredOutput: true,
    jsonMode: true,
    vision: true,
    embeddings: true,
    reasoning: true,
  },
  source: { url: 'https://platform.openai.com/docs', checked: '2026-11-21' },
  create: (settings) => {
    created.push({ id: settings.id, apiKey: settings.apiKey, baseUrl: settings.baseUrl });
    return new MockProvider({ id: settings.id });
  },
};

describe('provider instances from a preset', () => {
  it('derives the environment prefix from the id', () => {
    expect(environmentPrefix('openai-eu')).toBe('OPENAI_EU');
    expect(environmentPrefix('azure.west')).toBe('AZURE_WEST');
  });

  it('registers a second OpenAI under a new id with its own key and URL, keeping the first', () => {
    created.length = 0;
    const registry = new ProviderRegistry({
      definitions: [openai],
      env: { OPENAI_API_KEY: 'sk-main-000000' },
      overrides: {
        'openai-eu': { preset: 'openai', apiKey: 'sk-eu-111111', baseUrl: 'https://eu.api.openai.com/v1/' },
      },
    });
    expect(registry.require('openai').id).toBe('openai');
    expect(registry.require('openai-eu').id).toBe('openai-eu');
    expect(created).toEqual([
      { id: 'openai', apiKey: 'sk-main-000000', baseUrl: 'https://api.openai.com/v1' },
      { id: 'openai-eu', apiKey: 'sk-eu-111111', baseUrl: 'https://eu.api.openai.com/v1' },
    ]);
    const status = registry.statuses().find((s) => s.id === 'openai-eu');
    expect(status).toMatchObject({
      displayName: 'OpenAI (openai-eu)',
      configured: true,
      apiKeyEnv: ['OPENAI_EU_API_KEY'],
    });
  });

  it("reads the instance's own variables, never the preset's key", () => {
    const registry = new ProviderRegistry({
      definitions: [openai],
      env: { OPENAI_API_KEY: 'sk-main-000000', OPENAI_EU_API_KEY: 'sk-eu-222222' },
      overrides: { 'openai-eu': { preset: 'openai' }, 'openai-us': { preset: 'openai', enabled: true } },
    });
    expect(registry.get('openai-eu')).toBeDefined();
    expect(registry.statuses().find((s) => s.id === 'openai-us')?.reason).toBe(
      'no API key: set OPENAI_US_API_KEY',
    );
  });

  it('rejects an unknown preset with the known ones', () => {
    expect(
      () => new ProviderRegistry({ definitions: [openai], env: {}, overrides: { x: { preset: 'opnai' } } }),
    ).toThrow("provider 'x': unknown preset 'opnai'; expected one of openai");
  });
});
