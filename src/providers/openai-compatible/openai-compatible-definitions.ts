import type { ProviderDefinition } from '../provider-definition.js';
import type { Environment } from '../registry/provider-overrides.js';
import { createOpenAICompatibleProvider } from './create-openai-compatible-provider.js';
import type { OpenAICompatibleQuirks } from './openai-quirks.js';
import { OPENAI_COMPATIBLE_PRESETS, type OpenAICompatiblePreset } from './presets.js';

/** Options a user may set per provider in code or config (`providers.<id>.options`). */
export interface OpenAICompatibleDefinitionOptions {
  /** Azure `api-version`. */
  apiVersion?: string;
  /** OpenRouter attribution: your site URL (`HTTP-Referer`) and app name (`X-Title`). */
  appUrl?: string;
  appName?: string;
  quirks?: Partial<OpenAICompatibleQuirks>;
  /** Environment for the fallbacks below; defaults to `process.env`. */
  env?: Environment;
}

function optionString(options: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = options?.[name];
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** Headers that depend on options or the environment (OpenRouter attribution). */
function presetHeaders(
  preset: OpenAICompatiblePreset,
  options: Record<string, unknown> | undefined,
  env: Environment,
): Record<string, string> {
  if (preset.id !== 'openrouter') return {};
  const headers: Record<string, string> = {};
  const appUrl = optionString(options, 'appUrl') ?? env.OPENROUTER_APP_URL;
  const appName = optionString(options, 'appName') ?? env.OPENROUTER_APP_NAME;
  if (appUrl) headers['HTTP-Referer'] = appUrl;
  if (appName) headers['X-Title'] = appName;
  return headers;
}

/** A local server URL given as `http://host:port` means its `/v1`. */
function withVersionPath(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.pathname === '/' || parsed.pathname === '' ? `${url.replace(/\/+$/, '')}/v1` : url;
  } catch {
    return url;
  }
}

/** One preset -> a registry definition whose `create` builds the shared codec with its quirks. */
export function definitionFromPreset(preset: OpenAICompatiblePreset): ProviderDefinition {
  const definition: ProviderDefinition = {
    id: preset.id,
    displayName: preset.displayName,
    protocol: 'openai',
    defaultBaseUrl: preset.baseUrl,
    apiKeyEnv: preset.apiKeyEnv,
    baseUrlEnv: preset.baseUrlEnv,
    registersWhen: preset.registersWhen,
    features: preset.features,
    defaultHeaders: preset.defaultHeaders,
    source: preset.source,
    notes: preset.notes,
    create(settings) {
      const options = settings.options;
      const env = (options?.env as Environment | undefined) ?? process.env;
      const apiVersion =
        optionString(options, 'apiVersion') ?? env.AZURE_OPENAI_API_VERSION ?? env.OPENAI_API_VERSION;
      return createOpenAICompatibleProvider({
        id: settings.id,
        baseUrl: settings.baseUrl,
        apiKey: settings.apiKey,
        headers: { ...preset.defaultHeaders, ...presetHeaders(preset, options, env), ...settings.headers },
        quirks: { ...preset.quirks, ...(options?.quirks as Partial<OpenAICompatibleQuirks> | undefined) },
        features: preset.features,
        layout: preset.layout,
        apiVersion,
        timeoutMs: settings.timeoutMs,
        dispatcher: settings.dispatcher,
      });
    },
  };
  if (preset.local) definition.normalizeBaseUrl = withVersionPath;
  return definition;
}

/** Every OpenAI-compatible provider Switchyard knows, in display order. */
export const openAICompatibleDefinitions: ProviderDefinition[] =
  OPENAI_COMPATIBLE_PRESETS.map(definitionFromPreset);
