import type { Switchyard } from '../../client/switchyard.js';
import { GatewayHttpError } from '../errors/gateway-http-error.js';
import type { Caller } from './caller.js';
import { callerMayUseModel } from './model-visibility.js';

/**
 * Refuses a virtual key asking for a model outside its list: 403, which the official SDKs raise as
 * PermissionDeniedError. Checked on the name the client sent, before routing, so a key limited to
 * an alias cannot reach the alias's models by their own ids; an alias or route all of whose models
 * the list allows is allowed too, as `/v1/models` shows it.
 */
export function authorizeModel(switchyard: Switchyard, caller: Caller, body: unknown): void {
  if (caller.kind !== 'virtual' || !caller.key.models?.length) return;
  const model = typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
  if (typeof model !== 'string') return;
  if (callerMayUseModel(switchyard, caller, model)) return;
  throw new GatewayHttpError({
    kind: 'permission',
    status: 403,
    code: 'model_not_allowed',
    param: 'model',
    message: `This API key may not use the model '${model}'. Ask the gateway's admin to add it to the key's models.`,
  });
}
