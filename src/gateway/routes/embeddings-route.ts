import { makeUsage } from '../../core/types/chat-result.js';
import { asModelNotFound, checkModelAvailable } from '../check-model.js';
import { parseRequestBody } from '../errors/parse-request-body.js';
import { writeJsonResponse } from '../http/write-response.js';
import {
  convertOpenAIEmbeddingsRequest,
  convertToOpenAIEmbeddingsResponse,
  openAIEmbeddingsRequestSchema,
} from '../openai/openai-embeddings.js';
import type { RequestContext } from '../request-context.js';

/** `POST /v1/embeddings`, answering float or base64 as the caller asked (the OpenAI SDK asks base64). */
export async function embeddingsRoute(ctx: RequestContext, body: unknown): Promise<void> {
  const parsed = parseRequestBody(openAIEmbeddingsRequestSchema, body);
  const { request, encoding } = convertOpenAIEmbeddingsRequest(parsed);
  checkModelAvailable(ctx.services.switchyard, request.model);
  request.signal = ctx.signal;
  request.requestId = ctx.requestId;
  try {
    ctx.upstreamStarted();
    const result = await ctx.services.switchyard.embed(request);
    ctx.upstreamAnswered();
    ctx.outcome.provider = result.provider;
    ctx.outcome.model = result.model;
    ctx.outcome.usage = makeUsage({ inputTokens: result.usage.inputTokens });
    const response = convertToOpenAIEmbeddingsResponse(result, { model: parsed.model, encoding });
    writeJsonResponse(ctx.res, 200, response, ctx.responseHeaders());
  } catch (error) {
    throw asModelNotFound(error, request.model);
  }
}
