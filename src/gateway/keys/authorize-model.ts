import { GatewayHttpError } from '../errors/gateway-http-error.js';
import type { Caller } from './caller.js';
import { isModelAllowed } from './model-access.js';

/**
 * Refuses a virtual key asking for a model outside its list: 403, which the official SDKs raise as
 * PermissionDeniedError. Checked on the name the client sent, before routing, so a key limited to
 * an alias cannot reach the alias's models by their own ids.
 */
export function authorizeModel(caller: Caller, body: unknown): void {
  if (caller.kind !== 'virtual' || !caller.key.models?.length) return;
  const model = typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
  if (typeof model !== 'string') return;
  if (isModelAllowed(caller.key.models, model)) return;
  throw new GatewayHttpError({
    kind: 'permission',
    status: 403,
    code: 'model_not_allowed',
    param: 'model',
    message: `This API key may not use the model '${model}'. Ask the gateway's admin to add it to the key's models.`,
  });
}
