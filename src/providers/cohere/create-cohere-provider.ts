import type { Provider } from '../../core/types/provider.js';
import { HttpProvider } from '../http-provider.js';
import type { ProviderSettings } from '../protocol-codec.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { COHERE_FEATURES, createCohereCodec } from './cohere-codec.js';

export const COHERE_DEFAULT_BASE_URL = 'https://api.cohere.com';

export interface CohereProviderSettings extends Partial<ProviderSettings> {
  apiKey: string;
}

/**
 * Cohere on its native v2 API. Defaults: id `cohere`, `https://api.cohere.com`.
 *
 * @example
 * const cohere = createCohereProvider({ apiKey: process.env.COHERE_API_KEY! });
 * const result = await cohere.chat({ model: 'command-a-03-2025', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createCohereProvider(settings: CohereProviderSettings): Provider {
  const full: ProviderSettings = {
    ...settings,
    id: settings.id ?? 'cohere',
    baseUrl: (settings.baseUrl ?? COHERE_DEFAULT_BASE_URL).replace(/\/+$/, ''),
  };
  return new HttpProvider(full, createCohereCodec(full));
}

export const cohereDefinition: ProviderDefinition = {
  id: 'cohere',
  displayName: 'Cohere',
  protocol: 'cohere',
  defaultBaseUrl: COHERE_DEFAULT_BASE_URL,
  // CO_API_KEY is the variable the official SDKs read.
  apiKeyEnv: ['COHERE_API_KEY', 'CO_API_KEY'],
  baseUrlEnv: ['COHERE_BASE_URL'],
  registersWhen: 'api-key',
  features: COHERE_FEATURES,
  source: { url: 'https://docs.cohere.com/reference/chat', checked: '2025-12-01' },
  notes:
    'Native v2 chat (not OpenAI-compatible): SSE events typed message-start ... message-end; top-p is `p`, ' +
    'top-k is `k`; embeddings need an input_type; 498 means an invalid key.',
  create: (settings) => createCohereProvider({ ...settings, apiKey: settings.apiKey ?? '' }),
};
