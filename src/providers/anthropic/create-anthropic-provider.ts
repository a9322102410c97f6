import type { Provider } from '../../core/types/provider.js';
import { HttpProvider } from '../http-provider.js';
import type { ProviderSettings } from '../protocol-codec.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { ANTHROPIC_FEATURES, createAnthropicCodec } from './anthropic-codec.js';

export const ANTHROPIC_DEFAULT_BASE_URL = 'https://api.anthropic.com';

export type AnthropicProviderSettings = Partial<ProviderSettings>;

/**
 * An Anthropic provider. `baseUrl` is the origin WITHOUT `/v1` (the official SDK's convention for
 * `ANTHROPIC_BASE_URL`); the default is https://api.anthropic.com and the id defaults to `anthropic`.
 *
 * @example
 * const claude = createAnthropicProvider({ apiKey: process.env.ANTHROPIC_API_KEY });
 * const result = await claude.chat({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createAnthropicProvider(settings: AnthropicProviderSettings = {}): Provider {
  const full: ProviderSettings = {
    ...settings,
    id: settings.id ?? 'anthropic',
    baseUrl: settings.baseUrl ?? ANTHROPIC_DEFAULT_BASE_URL,
  };
  const codec = createAnthropicCodec({
    providerId: full.id,
    baseUrl: full.baseUrl,
    apiKey: full.apiKey,
    headers: full.headers,
  });
  return new HttpProvider(full, codec);
}

export const anthropicDefinition: ProviderDefinition = {
  id: 'anthropic',
  displayName: 'Anthropic',
  protocol: 'anthropic',
  defaultBaseUrl: ANTHROPIC_DEFAULT_BASE_URL,
  apiKeyEnv: ['ANTHROPIC_API_KEY'],
  // Per the official SDK, ANTHROPIC_BASE_URL is the origin without `/v1`.
  baseUrlEnv: ['ANTHROPIC_BASE_URL'],
  registersWhen: 'api-key',
  features: ANTHROPIC_FEATURES,
  source: { url: 'https://docs.anthropic.com/en/api/messages', checked: '2025-12-15' },
  notes:
    'Messages API pinned to anthropic-version 2023-06-01. No embeddings. json_schema output uses a forced ' +
    'answer tool; json mode is a system-prompt instruction.',
  normalizeBaseUrl: (value) => value.trim().replace(/\/+$/, ''),
  create: (settings) => createAnthropicProvider(settings),
};
