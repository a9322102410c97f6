import { modelNotFound } from '../errors/gateway-http-error.js';
import { writeJsonResponse } from '../http/write-response.js';
import type { Caller } from '../keys/caller.js';
import { callerMayUseModel } from '../keys/model-visibility.js';
import { anthropicModel, anthropicModelList, openAIModel, openAIModelList } from '../models/format-models.js';
import type { GatewayModel } from '../models/models-cache.js';
import type { RequestContext } from '../request-context.js';

/** Whether the caller may see a model: the master key (and an open gateway) sees everything. */
function visibleTo(ctx: RequestContext): (model: GatewayModel) => boolean {
  if (!ctx.virtualKey) return () => true;
  const caller: Caller = { kind: 'virtual', key: ctx.virtualKey };
  return (model) => callerMayUseModel(ctx.services.switchyard, caller, model.id);
}

/** The models the caller may use: a virtual key sees only those its list allows. */
async function visibleModels(ctx: RequestContext): Promise<GatewayModel[]> {
  const models = await ctx.services.models.list();
  return ctx.virtualKey ? models.filter(visibleTo(ctx)) : models;
}

/** `GET /v1/models`, in Anthropic's shape when the caller is an Anthropic client. */
export async function listModelsRoute(ctx: RequestContext): Promise<void> {
  const models = await visibleModels(ctx);
  const body = ctx.api === 'anthropic' ? anthropicModelList(models) : openAIModelList(models);
  writeJsonResponse(ctx.res, 200, body, ctx.responseHeaders());
}

/**
 * `GET /v1/models/{id}`; ids hold a slash, sent raw or encoded (`mock%2Fecho`) by the SDKs. A model
 * the key may not use is 404 `model_not_found`, not 403: OpenAI answers so for a model a key
 * cannot see, and it does not confirm that the model exists.
 */
export async function retrieveModelRoute(ctx: RequestContext, rawId: string): Promise<void> {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    id = rawId;
  }
  const model = await ctx.services.models.find(id);
  if (!model || !visibleTo(ctx)(model)) throw modelNotFound(id);
  const body = ctx.api === 'anthropic' ? anthropicModel(model) : openAIModel(model);
  writeJsonResponse(ctx.res, 200, body, ctx.responseHeaders());
}
