import { anthropicCountTokensSchema } from '../anthropic/anthropic-messages-request-schema.js';
import { convertAnthropicPrompt } from '../anthropic/convert-anthropic-messages-request.js';
import { estimateInputTokens } from '../anthropic/estimate-input-tokens.js';
import { checkModelAvailable } from '../check-model.js';
import { parseRequestBody } from '../errors/parse-request-body.js';
import { writeJsonResponse } from '../http/write-response.js';
import type { RequestContext } from '../request-context.js';

/** `POST /v1/messages/count_tokens`: a local estimate for any model behind the gateway. */
export async function countTokensRoute(ctx: RequestContext, body: unknown): Promise<void> {
  const parsed = parseRequestBody(anthropicCountTokensSchema, body);
  const request = convertAnthropicPrompt(parsed);
  checkModelAvailable(ctx.services.switchyard, request.model);
  writeJsonResponse(ctx.res, 200, { input_tokens: estimateInputTokens(request) }, ctx.responseHeaders());
}
