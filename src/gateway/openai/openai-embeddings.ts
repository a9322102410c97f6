import { z } from 'zod';
import type { EmbedRequest } from '../../core/types/chat-request.js';
import type { EmbedResult } from '../../core/types/chat-result.js';
import { invalidRequest } from '../errors/gateway-http-error.js';

export const openAIEmbeddingsRequestSchema = z
  .object({
    model: z.string().min(1),
    input: z.union([
      z.string(),
      z.array(z.string()).min(1),
      z.array(z.number()),
      z.array(z.array(z.number())),
    ]),
    encoding_format: z.enum(['float', 'base64']).optional(),
    dimensions: z.number().int().positive().optional(),
    user: z.string().optional(),
  })
  .loose();

export type OpenAIEmbeddingsRequest = z.infer<typeof openAIEmbeddingsRequestSchema>;

export function convertOpenAIEmbeddingsRequest(body: OpenAIEmbeddingsRequest): {
  request: EmbedRequest;
  encoding: 'float' | 'base64';
} {
  const isText = typeof body.input === 'string' || body.input.every((item) => typeof item === 'string');
  if (!isText) {
    // Token arrays are tokenizer-specific; no other provider could honour them.
    throw invalidRequest('Token-array input is not supported; send strings.', 'input');
  }
  const request: EmbedRequest = { model: body.model, input: body.input as string | string[] };
  if (body.dimensions !== undefined) request.dimensions = body.dimensions;
  return { request, encoding: body.encoding_format ?? 'float' };
}

/** Little-endian float32 bytes in base64: what the official SDKs decode when they ask for base64. */
export function encodeEmbeddingBase64(vector: number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  for (let i = 0; i < vector.length; i++) bytes.writeFloatLE(vector[i]!, i * 4);
  return bytes.toString('base64');
}

export function convertToOpenAIEmbeddingsResponse(
  result: EmbedResult,
  options: { model: string; encoding: 'float' | 'base64' },
) {
  return {
    object: 'list' as const,
    model: options.model,
    data: result.embeddings.map((vector, index) => ({
      object: 'embedding' as const,
      index,
      embedding: options.encoding === 'base64' ? encodeEmbeddingBase64(vector) : vector,
    })),
    usage: { prompt_tokens: result.usage.inputTokens, total_tokens: result.usage.inputTokens },
  };
}
