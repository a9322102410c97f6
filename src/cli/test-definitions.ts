import type { ProviderFeatures } from '../core/types/provider.js';
import { MockProvider } from '../providers/mock/mock-provider.js';
import type { ProviderDefinition } from '../providers/provider-definition.js';

const FEATURES: ProviderFeatures = {
  streaming: true,
  tools: true,
  structuredOutput: true,
  jsonMode: true,
  vision: false,
  embeddings: false,
  reasoning: false,
};

/**
 * A provider definition backed by the in-process mock, for CLI and docs tests that must not depend
 * on which protocols have landed. Shaped like a real preset: key and base URL variables.
 */
export function testDefinition(overrides: Partial<ProviderDefinition> = {}): ProviderDefinition {
  return {
    id: 'acme',
    displayName: 'Acme AI',
    protocol: 'openai',
    defaultBaseUrl: 'https://api.acme.test/v1',
    apiKeyEnv: ['ACME_API_KEY'],
    baseUrlEnv: ['ACME_BASE_URL'],
    registersWhen: 'api-key',
    features: FEATURES,
    source: { url: 'https://acme.test/docs', checked: '2026-11-21' },
    create: (settings) => new MockProvider({ id: settings.id, models: ['acme-large', 'acme-small'] }),
    ...overrides,
  };
}
