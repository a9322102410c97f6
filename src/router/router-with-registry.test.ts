// biome-ignore-all lint/suspicious/noTemplateCurlyInString: config values use ${VAR} placeholders on purpose
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse-config.js';
import { MockProvider } from '../providers/mock/mock-provider.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';
import { ProviderRegistry } from '../providers/registry/provider-registry.js';
import { Router } from './router.js';

const features = {
  streaming: true,
  tools: true,
  structuredOutput: true,
  jsonMode: true,
  vision: false,
  embeddings: false,
  reasoning: false,
};

function definition(id: string): ProviderDefinition {
  return {
    id,
    displayName: id,
    protocol: 'openai',
    defaultBaseUrl: `https://${id}.example.test/v1`,
    apiKeyEnv: [`${id.toUpperCase()}_API_KEY`],
    baseUrlEnv: [],
    registersWhen: 'api-key',
    features,
    source: { url: 'https://example.test', checked: '2026-11-21' },
    create: (settings) =>
      new MockProvider({ id: settings.id, defaultReply: { text: `answer from ${settings.id}` } }),
  };
}

describe('config, registry and router together', () => {
  const config = parseConfig(
    {
      providers: {
        openai: { api_key: '${OPENAI_KEY}' },
        'openai-eu': { preset: 'openai', api_key: '${OPENAI_EU_KEY}' },
        anthropic: { enabled: false },
      },
      aliases: { smart: [['openai/gpt-4o', 'openai-eu/gpt-4o'], 'anthropic/claude-sonnet-4-5'] },
    },
    {
      env: { OPENAI_KEY: 'sk-one-0000000', OPENAI_EU_KEY: 'sk-two-0000000' },
      presets: ['openai', 'anthropic'],
    },
  );
  const registry = new ProviderRegistry({
    definitions: [definition('openai'), definition('anthropic')],
    env: { ANTHROPIC_API_KEY: 'sk-ant-000000' },
    overrides: config.providerOverrides(),
    includeMock: false,
  });
  const router = new Router({ config, env: {}, isAvailable: (id) => registry.get(id) !== undefined });

  it('plans only deployments whose providers the registry can serve, instances included', async () => {
    const plan = router.resolve({ model: 'smart' });
    expect(plan.groups.map((group) => group.deployments.map((d) => d.id))).toEqual([
      ['openai/gpt-4o', 'openai-eu/gpt-4o'],
    ]);
    const answers = await Promise.all(
      plan.groups[0]!.deployments.map((d) =>
        registry.require(d.provider).chat({ model: d.model, messages: [{ role: 'user', content: 'hi' }] }),
      ),
    );
    expect(answers.map((answer) => [answer.provider, answer.text])).toEqual([
      ['openai', 'answer from openai'],
      ['openai-eu', 'answer from openai-eu'],
    ]);
    expect(registry.statuses().find((s) => s.id === 'anthropic')?.reason).toBe('disabled in config');
  });
});
