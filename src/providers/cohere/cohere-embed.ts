import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { EmbedRequest } from '../../core/types/chat-request.js';
import type { EmbedResultCore } from '../protocol-codec.js';
import type { CohereEmbedResponse } from './cohere-api.js';

const INPUT_TYPES = {
  query: 'search_query',
  document: 'search_document',
  classification: 'classification',
  clustering: 'clustering',
} as const;

/**
 * Canonical embed request -> `/v2/embed` body. `input_type` is required by embed v3+ models; when
 * the caller gives none, texts are embedded as documents (the common indexing case).
 */
export function buildCohereEmbedBody(providerId: string, request: EmbedRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    ...request.providerOptions?.cohere,
    ...(providerId === 'cohere' ? {} : request.providerOptions?.[providerId]),
    model: request.model,
    texts: typeof request.input === 'string' ? [request.input] : request.input,
    input_type: INPUT_TYPES[request.inputType ?? 'document'],
    embedding_types: ['float'],
  };
  if (request.dimensions !== undefined) body.output_dimension = request.dimensions;
  return body;
}

export function convertCohereEmbedResult(provider: string, body: unknown): EmbedResultCore {
  const vectors = (body as CohereEmbedResponse | undefined)?.embeddings?.float;
  if (!Array.isArray(vectors)) {
    throw new SwitchyardError({
      kind: 'server_error',
      provider,
      message: `${provider}: embed reply has no float embeddings`,
    });
  }
  return {
    embeddings: vectors,
    usage: { inputTokens: (body as CohereEmbedResponse).meta?.billed_units?.input_tokens ?? 0 },
  };
}
