import { withCacheChoice } from '../cache-request-header.js';
import { asModelNotFound, checkModelAvailable } from '../check-model.js';
import { parseRequestBody } from '../errors/parse-request-body.js';
import { writeJsonResponse } from '../http/write-response.js';
import { withKeyMetadata } from '../keys/key-metadata.js';
import { commonOpenAIChatRequest } from '../openai/common-chat-request.js';
import { convertOpenAIChatRequest } from '../openai/convert-openai-chat-request.js';
import { convertToOpenAIChatResponse } from '../openai/convert-to-openai-chat-response.js';
import { openAIChatRequestSchema } from '../openai/openai-chat-request-schema.js';
import { OpenAIChunkEncoder } from '../openai/openai-chunk-encoder.js';
import { openAIPassthrough } from '../passthrough/openai-passthrough.js';
import { pipeChatStream } from '../pipe-chat-stream.js';
import type { RequestContext } from '../request-context.js';
import { withHeaderMetadata } from '../request-metadata-headers.js';
import { acquireStreamSlot } from '../stream-slots.js';

/** `POST /v1/chat/completions`: OpenAI in, any provider behind, OpenAI out. */
export async function chatCompletionsRoute(ctx: RequestContext, body: unknown): Promise<void> {
  const parsed = commonOpenAIChatRequest(body) ?? parseRequestBody(openAIChatRequestSchema, body);
  const { request, stream, includeUsage } = convertOpenAIChatRequest(parsed);
  const { switchyard } = ctx.services;
  checkModelAvailable(switchyard, request.model);
  request.signal = ctx.signal;
  request.requestId = ctx.requestId;
  const metadata = withKeyMetadata(ctx.virtualKey, withHeaderMetadata(ctx.req.headers, request.metadata));
  if (metadata) request.metadata = metadata;
  const created = Math.floor(Date.now() / 1000);
  ctx.outcome.stream = stream;
  try {
    if (stream) {
      const release = acquireStreamSlot(ctx);
      try {
        const encoder = new OpenAIChunkEncoder({ model: parsed.model, created, includeUsage });
        const passthrough = ctx.services.passthrough
          ? openAIPassthrough(ctx, { includeUsage, created })
          : undefined;
        if (passthrough) request.tapRawBytes = true;
        await pipeChatStream(ctx, switchyard.stream(withCacheChoice(ctx, request)), encoder, passthrough);
      } finally {
        release();
      }
      return;
    }
    ctx.upstreamStarted();
    const result = await switchyard.chat(withCacheChoice(ctx, request));
    ctx.upstreamAnswered();
    ctx.recordResult(result);
    const response = convertToOpenAIChatResponse(result, { model: parsed.model, created });
    writeJsonResponse(ctx.res, 200, response, ctx.responseHeaders());
  } catch (error) {
    throw asModelNotFound(error, request.model);
  }
}
