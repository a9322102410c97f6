import { SwitchyardError, unsupportedFeature } from '../../core/errors/switchyard-error.js';
import type { EmbedRequest } from '../../core/types/chat-request.js';
import type { Warning } from '../../core/types/chat-result.js';
import type { EmbedResultCore } from '../protocol-codec.js';
import { mergeProviderOptions } from './build-openai-chat-body.js';
import type { OpenAIWireEmbeddingResponse } from './openai-wire-types.js';

/**
 * Canonical embed request -> `/embeddings` body. Floats are asked for explicitly: the API default is
 * float, but asking makes the answer independent of a server's own default.
 */
export function buildOpenAIEmbeddingBody(
  request: EmbedRequest,
  context: { provider: string; modelInUrl?: boolean },
): { body: Record<string, unknown>; warnings: Warning[] } {
  const inputs = Array.isArray(request.input) ? request.input : [request.input];
  if (inputs.length === 0) throw unsupportedFeature(context.provider, 'embeddings of an empty input list');
  const warnings: Warning[] = [];
  const body: Record<string, unknown> = { input: request.input, encoding_format: 'float' };
  if (!context.modelInUrl) body.model = request.model;
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  if (request.inputType !== undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'inputType',
      message: `${context.provider} has no input type for embeddings; it was not sent`,
    });
  }
  return { body: mergeProviderOptions(body, request.providerOptions, context.provider), warnings };
}

/** Base64 embeddings are the raw bytes of little-endian float32 values (the Node SDK's default form). */
export function decodeBase64Embedding(encoded: string): number[] {
  const bytes = Buffer.from(encoded, 'base64');
  const out: number[] = new Array(Math.floor(bytes.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = bytes.readFloatLE(i * 4);
  return out;
}

/** `/embeddings` response -> vectors in input order (the `index` field, not array order, decides). */
export function convertOpenAIEmbeddingResponse(body: unknown, provider: string): EmbedResultCore {
  const response = body as OpenAIWireEmbeddingResponse;
  if (!Array.isArray(response?.data)) {
    throw new SwitchyardError({
      kind: 'server_error',
      provider,
      message: `${provider}: embeddings response without data`,
    });
  }
  const items = [...response.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const result: EmbedResultCore = {
    embeddings: items.map((item) =>
      typeof item.embedding === 'string' ? decodeBase64Embedding(item.embedding) : item.embedding,
    ),
    usage: { inputTokens: response.usage?.prompt_tokens ?? 0 },
  };
  if (response.model) result.model = response.model;
  return result;
}
