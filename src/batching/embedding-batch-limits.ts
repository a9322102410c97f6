/**
 * Most inputs one embeddings request may carry, per provider, from each provider's API reference.
 * A provider missing here is split at DEFAULT_EMBEDDING_BATCH_LIMIT, the smallest limit below, so
 * an unknown endpoint is never sent more than any known one accepts.
 */
export const EMBEDDING_BATCH_LIMITS: Readonly<Record<string, number>> = {
  // platform.openai.com/docs/api-reference/embeddings/create: an input array "must be 2048
  // dimensions or less", i.e. at most 2048 inputs; the same API is behind Azure OpenAI.
  openai: 2048,
  azure: 2048,
  // ai.google.dev/api/embeddings#method:-models.batchembedcontents: at most 100 requests per batch.
  gemini: 100,
  // docs.cohere.com/reference/embed: "Maximum number of texts per call is 96".
  cohere: 96,
  // docs.voyageai.com/reference/embeddings-api: "The list must not contain more than 1,000 inputs".
  voyage: 1000,
};

export const DEFAULT_EMBEDDING_BATCH_LIMIT = 96;

/** The batch limit for a provider: an override, the table, or the safe default. */
export function embeddingBatchLimit(provider: string, overrides: Record<string, number> = {}): number {
  return overrides[provider] ?? EMBEDDING_BATCH_LIMITS[provider] ?? DEFAULT_EMBEDDING_BATCH_LIMIT;
}
