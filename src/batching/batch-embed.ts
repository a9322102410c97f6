import { Money } from '../accounting/money.js';
import type { EmbedRequest } from '../core/types/chat-request.js';
import type { EmbedResult, Warning } from '../core/types/chat-result.js';
import { embeddingBatchLimit } from './embedding-batch-limits.js';
import { runBounded } from './run-bounded.js';
import { splitBatches } from './split-batches.js';

export interface BatchEmbedOptions {
  /** Provider id whose batch limit applies (`openai`, `gemini`, `cohere`, ...). */
  provider: string;
  /** Sends one batch; must answer with one embedding per input, in input order. */
  embed: (request: EmbedRequest) => Promise<EmbedResult>;
  /**
   * Wraps each batch's call in the caller's retry policy, so a batch that fails is retried on its
   * own and the others are not sent again. Default: no retry.
   */
  retry?: <T>(attempt: () => Promise<T>) => Promise<T>;
  /** Batches in flight at once. Default 4. */
  concurrency?: number;
  /** Inputs per batch, overriding the provider table. */
  batchSize?: number;
  /** Prices one batch's result (from the catalog); the batches' costs are summed exactly. */
  price?: (result: EmbedResult) => Money;
}

export interface BatchEmbedResult extends EmbedResult {
  /** Number of requests sent (batches, retries not counted). */
  batches: number;
  /** Sum of the batches' costs, when `price` was given. */
  cost?: Money;
}

const noRetry = <T>(attempt: () => Promise<T>) => attempt();

/**
 * Embeds any number of inputs: split by the provider's batch limit, batches sent in parallel up
 * to a bound, each retried on its own, embeddings returned in input order, usage and cost summed.
 */
export async function batchEmbed(
  request: EmbedRequest,
  options: BatchEmbedOptions,
): Promise<BatchEmbedResult> {
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  const size = options.batchSize ?? embeddingBatchLimit(options.provider);
  const batches = splitBatches(inputs, size);
  const retry = options.retry ?? noRetry;
  const started = performance.now();
  const results = await runBounded(batches.length, options.concurrency ?? 4, (index) =>
    retry(async () => {
      const result = await options.embed({ ...request, input: batches[index]! });
      if (result.embeddings.length !== batches[index]!.length) {
        throw new Error(
          `${options.provider} returned ${result.embeddings.length} embeddings for ${batches[index]!.length} inputs`,
        );
      }
      return result;
    }),
  );
  const warnings: Warning[] = [];
  const seen = new Set<string>();
  for (const result of results) {
    for (const warning of result.warnings) {
      const key = `${warning.type}:${warning.setting ?? ''}:${warning.message}`;
      if (!seen.has(key)) warnings.push(warning);
      seen.add(key);
    }
  }
  const combined: BatchEmbedResult = {
    provider: results[0]?.provider ?? options.provider,
    model: results[0]?.model ?? request.model,
    embeddings: results.flatMap((result) => result.embeddings),
    usage: { inputTokens: results.reduce((sum, result) => sum + result.usage.inputTokens, 0) },
    latencyMs: Math.round(performance.now() - started),
    warnings,
    batches: batches.length,
  };
  if (options.price) combined.cost = Money.sum(results.map(options.price));
  return combined;
}
