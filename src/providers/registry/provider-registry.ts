import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Provider } from '../../core/types/provider.js';
import { MockProvider } from '../mock/mock-provider.js';
import type { ProviderDefinition } from '../provider-definition.js';
import { instanceDefinitions } from './instance-definition.js';
import type { Environment, ProviderOverride } from './provider-overrides.js';
import { type ProviderStatus, resolveProvider } from './resolve-provider.js';

export interface ProviderRegistryOptions {
  definitions: ProviderDefinition[];
  env?: Environment;
  overrides?: Record<string, ProviderOverride>;
  /** Providers built in code (custom endpoints, a MockProvider with a script). */
  providers?: Provider[];
  /** Register the built-in `mock` provider (default true): it answers with no keys at all. */
  includeMock?: boolean;
}

/**
 * The providers a process can use: built-ins whose key or endpoint is present, providers given in
 * code, and the `mock`. Every known provider has a status saying why it is or is not usable.
 */
export class ProviderRegistry {
  readonly #providers = new Map<string, Provider>();
  readonly #statuses = new Map<string, ProviderStatus>();
  readonly #definitions = new Map<string, ProviderDefinition>();
  readonly #env: Environment;

  constructor(options: ProviderRegistryOptions) {
    this.#env = options.env ?? process.env;
    // Extra instances (`openai-eu` from `preset: openai`) come after, so they replace a same-id built-in.
    const instances = instanceDefinitions(options.definitions, options.overrides);
    for (const definition of [...options.definitions, ...instances]) {
      this.#definitions.set(definition.id, definition);
      const { status, settings } = resolveProvider(definition, this.#env, options.overrides?.[definition.id]);
      this.#statuses.set(definition.id, status);
      if (settings) this.#providers.set(definition.id, definition.create(settings));
      else this.#providers.delete(definition.id);
    }
    if (options.includeMock !== false && !this.#providers.has('mock')) this.register(new MockProvider());
    for (const provider of options.providers ?? []) this.register(provider);
  }

  register(provider: Provider): void {
    this.#providers.set(provider.id, provider);
    const definition = this.#definitions.get(provider.id);
    this.#statuses.set(provider.id, {
      id: provider.id,
      displayName: definition?.displayName ?? provider.id,
      protocol: provider.protocol,
      configured: true,
      reason: provider.protocol === 'mock' ? 'built in (scripted replies, no network)' : 'registered in code',
      apiKeyEnv: definition?.apiKeyEnv ?? [],
      baseUrlEnv: definition?.baseUrlEnv ?? [],
      features: provider.features,
    });
  }

  get(id: string): Provider | undefined {
    return this.#providers.get(id);
  }

  /**
   * The provider, or a clear error saying why it is unusable. A keyless local provider (Ollama,
   * LM Studio) asked for by name is created on its default endpoint even when not in the environment.
   */
  require(id: string): Provider {
    const provider = this.#providers.get(id);
    if (provider) return provider;
    const definition = this.#definitions.get(id);
    if (definition && definition.registersWhen === 'base-url' && definition.defaultBaseUrl) {
      const created = definition.create({
        id,
        baseUrl: definition.defaultBaseUrl,
        headers: definition.defaultHeaders,
      });
      this.#providers.set(id, created);
      return created;
    }
    const status = this.#statuses.get(id);
    throw new SwitchyardError({
      kind: status ? 'authentication' : 'not_found',
      provider: id,
      retryable: false,
      fallbackable: true,
      message: status
        ? `provider '${id}' is not configured: ${status.reason}`
        : `unknown provider '${id}'; known providers: ${[...this.#statuses.keys()].sort().join(', ')}`,
    });
  }

  ids(): string[] {
    return [...this.#providers.keys()];
  }

  statuses(): ProviderStatus[] {
    return [...this.#statuses.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  definition(id: string): ProviderDefinition | undefined {
    return this.#definitions.get(id);
  }
}
