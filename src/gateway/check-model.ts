import type { Switchyard } from '../client/switchyard.js';
import { isSwitchyardError } from '../core/errors/switchyard-error.js';
import { modelNotFound } from './errors/gateway-http-error.js';

/**
 * A `provider/model` id whose provider this gateway cannot use is a model it does not have: 404,
 * with the registry's reason (unknown provider, or which variable would configure it). Ids without
 * a provider are aliases or routes: the client resolves those.
 */
export function checkModelAvailable(switchyard: Switchyard, model: string): void {
  const slash = model.indexOf('/');
  if (slash <= 0) return;
  const provider = model.slice(0, slash);
  if (switchyard.registry.get(provider)) return;
  try {
    switchyard.registry.require(provider);
  } catch (error) {
    throw modelNotFound(model, isSwitchyardError(error) ? error.message : undefined);
  }
}

/** The client's "not a provider/model id, alias or route" becomes the API's model-not-found. */
export function asModelNotFound(error: unknown, model: string): unknown {
  if (
    isSwitchyardError(error) &&
    error.status === undefined &&
    (error.kind === 'invalid_request' || error.kind === 'not_found') &&
    !model.includes('/') &&
    error.message.includes(model)
  ) {
    return modelNotFound(model, error.message);
  }
  return error;
}
