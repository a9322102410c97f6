import type { ProtocolId, Provider, ProviderFeatures } from '../core/types/provider.js';
import type { ProviderSettings } from './protocol-codec.js';

/**
 * Everything the registry needs to know about one provider: where it lives, which environment
 * variables configure it, what it can do, and how to build it. Presets are data; `create` composes
 * the protocol's codec with the HTTP runner.
 */
export interface ProviderDefinition {
  id: string;
  displayName: string;
  protocol: ProtocolId;
  /** Default base URL; absent when the user must give one (Azure, custom endpoints). */
  defaultBaseUrl?: string;
  /** Environment variables holding the key, first found wins (`GEMINI_API_KEY`, `GOOGLE_API_KEY`). */
  apiKeyEnv: string[];
  /** Environment variables holding the base URL, first found wins. */
  baseUrlEnv: string[];
  /**
   * When the provider registers itself from the environment: `api-key` (a key is present),
   * `base-url` (a local server's URL is present, or always for local defaults), `never` (config only).
   */
  registersWhen: 'api-key' | 'base-url' | 'never';
  features: ProviderFeatures;
  /** Headers sent on every call (attribution headers, version pins). */
  defaultHeaders?: Record<string, string>;
  /** Where the facts above were read, and when. */
  source: { url: string; checked: string };
  /** Free-form notes for docs (quirks). */
  notes?: string;
  /** Turns a user-given base URL into the form `create` expects (e.g. OLLAMA_HOST without a scheme). */
  normalizeBaseUrl?(value: string): string;
  create(settings: ProviderSettings & { options?: Record<string, unknown> }): Provider;
}
