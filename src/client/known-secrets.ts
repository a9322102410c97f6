import type { Environment, ProviderOverride } from '../providers/registry/provider-overrides.js';

/** Variable names whose values are secrets, so a log line never carries them even when echoed back. */
const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD)/i;

/**
 * Every secret the client knows of: keys given in code or config, and the values of secret-named
 * environment variables. Redaction masks these exactly, on top of the key shapes it always masks,
 * because a custom gateway's key need not look like `sk-...`.
 */
export function knownSecrets(
  env: Environment,
  overrides: Array<Record<string, ProviderOverride> | undefined>,
): string[] {
  const out = new Set<string>();
  for (const [name, value] of Object.entries(env)) if (value && SECRET_NAME.test(name)) out.add(value);
  for (const group of overrides) {
    for (const override of Object.values(group ?? {})) if (override.apiKey) out.add(override.apiKey);
  }
  return [...out];
}
