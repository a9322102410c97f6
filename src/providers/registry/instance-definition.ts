import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ProviderDefinition } from '../provider-definition.js';
import type { ProviderOverride } from './provider-overrides.js';

/** `openai-eu` -> `OPENAI_EU`: the prefix of an instance's own environment variables. */
export function environmentPrefix(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * A second instance of a built-in under a new id (`openai-eu`: same protocol and defaults, its own
 * key). It reads `<ID>_API_KEY` / `<ID>_BASE_URL` only, so it never borrows the preset's key by
 * accident: a missing key shows up as "not configured" instead of billing the wrong account.
 */
export function instanceDefinition(preset: ProviderDefinition, id: string): ProviderDefinition {
  const prefix = environmentPrefix(id);
  return {
    ...preset,
    id,
    displayName: `${preset.displayName} (${id})`,
    apiKeyEnv: preset.apiKeyEnv.length > 0 ? [`${prefix}_API_KEY`] : [],
    baseUrlEnv: [`${prefix}_BASE_URL`],
  };
}

/** The definitions for every override that names a preset, checked against the known ones. */
export function instanceDefinitions(
  definitions: readonly ProviderDefinition[],
  overrides: Record<string, ProviderOverride> = {},
): ProviderDefinition[] {
  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  const out: ProviderDefinition[] = [];
  for (const [id, override] of Object.entries(overrides)) {
    if (!override.preset || override.preset === id) continue;
    const preset = byId.get(override.preset);
    if (!preset) {
      throw new SwitchyardError({
        kind: 'invalid_request',
        code: 'invalid_config',
        provider: id,
        retryable: false,
        fallbackable: false,
        message: `provider '${id}': unknown preset '${override.preset}'; expected one of ${[...byId.keys()].sort().join(', ') || '(no built-in providers)'}`,
      });
    }
    out.push(instanceDefinition(preset, id));
  }
  return out;
}
