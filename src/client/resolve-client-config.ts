import { parseConfig } from '../config/parse-config.js';
import { SwitchyardConfig } from '../config/switchyard-config.js';
import type { Environment } from '../providers/registry/provider-overrides.js';

/** A config given in code: already parsed, a plain object to validate, or none (empty config). */
export function resolveClientConfig(
  config: SwitchyardConfig | Record<string, unknown> | undefined,
  options: { env: Environment; presets: readonly string[] },
): SwitchyardConfig {
  if (config instanceof SwitchyardConfig) return config;
  if (config === undefined) return new SwitchyardConfig();
  return parseConfig(config, { env: options.env, source: 'config', presets: options.presets });
}
