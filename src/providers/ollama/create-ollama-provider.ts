import type { Provider } from '../../core/types/provider.js';
import { HttpProvider } from '../http-provider.js';
import type { ProviderSettings } from '../protocol-codec.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { normalizeOllamaHost } from './normalize-ollama-host.js';
import { createOllamaCodec, OLLAMA_FEATURES } from './ollama-codec.js';

export const OLLAMA_DEFAULT_BASE_URL = 'http://127.0.0.1:11434';

export interface OllamaProviderSettings extends Partial<ProviderSettings> {
  /** Server address in any form `OLLAMA_HOST` accepts (`localhost:11434`, `0.0.0.0`, a full URL). */
  baseUrl?: string;
}

/**
 * An Ollama server on its native API. Defaults: id `ollama`, `http://127.0.0.1:11434`, no key.
 *
 * @example
 * const ollama = createOllamaProvider({ baseUrl: 'gpu-box:11434' });
 * const result = await ollama.chat({ model: 'llama3.2', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createOllamaProvider(settings: OllamaProviderSettings = {}): Provider {
  const full: ProviderSettings = {
    ...settings,
    id: settings.id ?? 'ollama',
    baseUrl: normalizeOllamaHost(settings.baseUrl ?? OLLAMA_DEFAULT_BASE_URL),
  };
  return new HttpProvider(full, createOllamaCodec(full));
}

export const ollamaDefinition: ProviderDefinition = {
  id: 'ollama',
  displayName: 'Ollama',
  protocol: 'ollama',
  defaultBaseUrl: OLLAMA_DEFAULT_BASE_URL,
  // Only Ollama cloud (or an authenticating proxy) needs one; a local server takes none.
  apiKeyEnv: ['OLLAMA_API_KEY'],
  baseUrlEnv: ['OLLAMA_HOST'],
  registersWhen: 'base-url',
  features: OLLAMA_FEATURES,
  source: { url: 'https://github.com/ollama/ollama/blob/main/docs/api.md', checked: '2025-12-12' },
  notes:
    'Native /api/chat with NDJSON streams; tool-call arguments are objects; images base64 only; ' +
    'OLLAMA_HOST may omit the scheme and port, and 0.0.0.0 means this machine.',
  normalizeBaseUrl: normalizeOllamaHost,
  create: (settings) => createOllamaProvider(settings),
};
