import type { Dispatcher } from 'undici';
import type { ProviderFeatures } from '../../core/types/provider.js';
import { HttpProvider } from '../http-provider.js';
import { OpenAICompatibleCodec } from './openai-compatible-codec.js';
import { azureEndpoints, standardEndpoints } from './openai-endpoints.js';
import { type OpenAICompatibleQuirks, resolveQuirks } from './openai-quirks.js';

export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

export interface OpenAICompatibleProviderOptions {
  /** Provider id used in model ids (`acme` in `acme/some-model`). */
  id: string;
  /** Base URL including the version path, as the openai SDK's `baseURL` (`http://host:8000/v1`). */
  baseUrl: string;
  apiKey?: string;
  headers?: Record<string, string>;
  /** Where the server departs from OpenAI; unset fields keep the defaults. */
  quirks?: Partial<OpenAICompatibleQuirks>;
  /** What the server can do; everything is assumed possible unless set to false. */
  features?: Partial<ProviderFeatures>;
  /** `azure`: deployment-scoped URLs with `api-version`. */
  layout?: 'standard' | 'azure';
  /** Azure `api-version` (default 2024-10-21). */
  apiVersion?: string;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
}

const ALL_FEATURES: ProviderFeatures = {
  streaming: true,
  tools: true,
  structuredOutput: true,
  jsonMode: true,
  vision: true,
  embeddings: true,
  reasoning: true,
};

/**
 * A provider for any OpenAI-compatible endpoint: the shared codec on the shared HTTP runner.
 *
 * @example
 * const local = createOpenAICompatibleProvider({ id: 'local', baseUrl: 'http://127.0.0.1:8000/v1' });
 * const result = await local.chat({ model: 'qwen3', messages: [{ role: 'user', content: 'Hi' }] });
 */
export function createOpenAICompatibleProvider(options: OpenAICompatibleProviderOptions): HttpProvider {
  const quirks = resolveQuirks(options.quirks);
  const features = { ...ALL_FEATURES, ...options.features };
  const endpoints =
    options.layout === 'azure'
      ? azureEndpoints(options.baseUrl, options.apiVersion ?? DEFAULT_AZURE_API_VERSION)
      : standardEndpoints(options.baseUrl);
  const codec = new OpenAICompatibleCodec({
    provider: options.id,
    endpoints,
    apiKey: options.apiKey,
    headers: options.headers,
    features,
    quirks,
  });
  return new HttpProvider(
    {
      id: options.id,
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      headers: options.headers,
      timeoutMs: options.timeoutMs,
      dispatcher: options.dispatcher,
    },
    codec,
  );
}
