import type { SwitchyardConfig } from '../config/switchyard-config.js';
import { environmentPrefix } from '../providers/registry/instance-definition.js';
import type { Environment } from '../providers/registry/provider-overrides.js';
import { routingError } from './router-errors.js';

/**
 * The model chosen by the environment, as people already write it: `SWITCHYARD_MODEL` (any model
 * name, alias or route), else `MODEL_PROVIDER` with `<ID>_MODEL` (`MODEL_PROVIDER=anthropic`,
 * `ANTHROPIC_MODEL=claude-sonnet-4-5`; the provider's configured `model` when that is unset).
 */
export function environmentSelection(
  env: Environment,
  config: SwitchyardConfig,
): { name: string; variable: string } | undefined {
  const direct = env.SWITCHYARD_MODEL?.trim();
  if (direct) return { name: direct, variable: 'SWITCHYARD_MODEL' };
  const provider = env.MODEL_PROVIDER?.trim();
  if (!provider) return undefined;
  const variable = `${environmentPrefix(provider)}_MODEL`;
  const model = env[variable]?.trim() || config.providers[provider]?.model;
  if (!model) {
    throw routingError(
      `MODEL_PROVIDER is ${provider} but ${variable} is not set; set ${variable} (for example ${variable}=<model id>) or give the provider a model in the config`,
      'invalid_request',
    );
  }
  return { name: `${provider}/${model}`, variable: `MODEL_PROVIDER and ${variable}` };
}
