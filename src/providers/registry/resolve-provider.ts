import type { ProtocolId, ProviderFeatures } from '../../core/types/provider.js';
import type { ProviderSettings } from '../protocol-codec.js';
import type { ProviderDefinition } from '../provider-definition.js';
import type { Environment, ProviderOverride } from './provider-overrides.js';

export interface ProviderStatus {
  id: string;
  displayName: string;
  protocol: ProtocolId;
  configured: boolean;
  /** Why it is or is not configured (`OPENAI_API_KEY is set`, `set GROQ_API_KEY`). */
  reason: string;
  baseUrl?: string;
  apiKeyEnv: string[];
  baseUrlEnv: string[];
  features: ProviderFeatures;
}

function firstSet(env: Environment, names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/**
 * Decides from code/config overrides and the environment whether a provider is usable, and with
 * which settings. Pure: the environment is a parameter.
 */
export function resolveProvider(
  definition: ProviderDefinition,
  env: Environment,
  override?: ProviderOverride,
): { status: ProviderStatus; settings?: ProviderSettings & { options?: Record<string, unknown> } } {
  const keyFromEnv = firstSet(env, definition.apiKeyEnv);
  const urlFromEnv = firstSet(env, definition.baseUrlEnv);
  const apiKey = override?.apiKey ?? keyFromEnv?.value;
  const explicitUrl = override?.baseUrl ?? urlFromEnv?.value;
  const rawUrl = explicitUrl ?? definition.defaultBaseUrl;
  const baseUrl = rawUrl === undefined ? undefined : normalize(definition, rawUrl);
  const base: ProviderStatus = {
    id: definition.id,
    displayName: definition.displayName,
    protocol: definition.protocol,
    configured: false,
    reason: '',
    baseUrl,
    apiKeyEnv: definition.apiKeyEnv,
    baseUrlEnv: definition.baseUrlEnv,
    features: definition.features,
  };
  const unconfigured = (reason: string) => ({ status: { ...base, reason } });

  if (override?.enabled === false) return unconfigured('disabled in config');
  const fromConfig = override !== undefined;
  if (!baseUrl) {
    return unconfigured(`no endpoint: set ${definition.baseUrlEnv[0] ?? 'baseUrl in config'}`);
  }
  if (definition.registersWhen === 'api-key' && !apiKey) {
    return unconfigured(`no API key: set ${definition.apiKeyEnv.join(' or ')}`);
  }
  if (definition.registersWhen === 'base-url' && !explicitUrl && !fromConfig) {
    return unconfigured(`local server not configured: set ${definition.baseUrlEnv[0]}`);
  }
  if (definition.registersWhen === 'never' && !fromConfig)
    return unconfigured('configure it in code or config');

  const reason = fromConfig
    ? 'configured in config'
    : keyFromEnv
      ? `${keyFromEnv.name} is set`
      : `${urlFromEnv?.name ?? 'endpoint'} is set`;
  return {
    status: { ...base, configured: true, reason },
    settings: {
      id: definition.id,
      baseUrl,
      apiKey,
      headers: { ...definition.defaultHeaders, ...override?.headers },
      timeoutMs: override?.timeoutMs,
      options: override?.options,
    },
  };
}

function normalize(definition: ProviderDefinition, url: string): string {
  const value = definition.normalizeBaseUrl ? definition.normalizeBaseUrl(url) : url;
  return value.replace(/\/+$/, '');
}
