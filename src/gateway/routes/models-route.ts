import { modelNotFound } from '../errors/gateway-http-error.js';
import { writeJsonResponse } from '../http/write-response.js';
import { anthropicModel, anthropicModelList, openAIModel, openAIModelList } from '../models/format-models.js';
import type { RequestContext } from '../request-context.js';

/** `GET /v1/models`, in Anthropic's shape when the caller is an Anthropic client. */
export async function listModelsRoute(ctx: RequestContext): Promise<void> {
  const models = await ctx.services.models.list();
  const body = ctx.api === 'anthropic' ? anthropicModelList(models) : openAIModelList(models);
  writeJsonResponse(ctx.res, 200, body, ctx.responseHeaders());
}

/** `GET /v1/models/{id}`; ids hold a slash, sent raw or encoded (`mock%2Fecho`) by the SDKs. */
export async function retrieveModelRoute(ctx: RequestContext, rawId: string): Promise<void> {
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    id = rawId;
  }
  const model = await ctx.services.models.find(id);
  if (!model) throw modelNotFound(id);
  const body = ctx.api === 'anthropic' ? anthropicModel(model) : openAIModel(model);
  writeJsonResponse(ctx.res, 200, body, ctx.responseHeaders());
}
