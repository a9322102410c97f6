import { AnthropicEventEncoder } from '../anthropic/anthropic-event-encoder.js';
import { anthropicMessagesRequestSchema } from '../anthropic/anthropic-messages-request-schema.js';
import { convertAnthropicMessagesRequest } from '../anthropic/convert-anthropic-messages-request.js';
import { convertToAnthropicMessage } from '../anthropic/convert-to-anthropic-message.js';
import { withCacheChoice } from '../cache-request-header.js';
import { asModelNotFound, checkModelAvailable } from '../check-model.js';
import { parseRequestBody } from '../errors/parse-request-body.js';
import { writeJsonResponse } from '../http/write-response.js';
import { withKeyMetadata } from '../keys/key-metadata.js';
import { anthropicPassthrough } from '../passthrough/stream-passthrough.js';
import { pipeChatStream } from '../pipe-chat-stream.js';
import type { RequestContext } from '../request-context.js';
import { withHeaderMetadata } from '../request-metadata-headers.js';
import { acquireStreamSlot } from '../stream-slots.js';

/** `POST /v1/messages`: Anthropic in, any provider behind, Anthropic out. */
export async function messagesRoute(ctx: RequestContext, body: unknown): Promise<void> {
  const parsed = parseRequestBody(anthropicMessagesRequestSchema, body);
  const { request, stream } = convertAnthropicMessagesRequest(parsed);
  const { switchyard } = ctx.services;
  checkModelAvailable(switchyard, request.model);
  request.signal = ctx.signal;
  request.requestId = ctx.requestId;
  const metadata = withKeyMetadata(ctx.virtualKey, withHeaderMetadata(ctx.req.headers, request.metadata));
  if (metadata) request.metadata = metadata;
  ctx.outcome.stream = stream;
  try {
    if (stream) {
      const release = acquireStreamSlot(ctx);
      try {
        // Structured output reaches Anthropic as a forced tool the decoder turns back into text:
        // those bytes need rewriting, so they never go through as they are.
        const rewrites = request.responseFormat !== undefined && request.responseFormat.type !== 'text';
        const passthrough = ctx.services.passthrough && !rewrites ? anthropicPassthrough(ctx) : undefined;
        if (passthrough) request.tapRawBytes = true;
        await pipeChatStream(
          ctx,
          switchyard.stream(withCacheChoice(ctx, request)),
          new AnthropicEventEncoder({ model: parsed.model }),
          passthrough,
        );
      } finally {
        release();
      }
      return;
    }
    ctx.upstreamStarted();
    const result = await switchyard.chat(withCacheChoice(ctx, request));
    ctx.upstreamAnswered();
    ctx.recordResult(result);
    writeJsonResponse(
      ctx.res,
      200,
      convertToAnthropicMessage(result, { model: parsed.model }),
      ctx.responseHeaders(),
    );
  } catch (error) {
    throw asModelNotFound(error, request.model);
  }
}
