import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import { Money, priceTokens } from '../money.js';
import { countChatTokens } from '../tokens/count-chat-tokens.js';
import { tokenCounterFor } from '../tokens/token-counter.js';
import { priceSheetFor } from './compute-cost.js';

export interface WorstCaseOptions {
  /**
   * Price the prompt as if all of it were written to the cache (the dearest way to send it), for
   * requests that set cache breakpoints. Default false: the prompt at the plain input price.
   */
  assumeCacheWrites?: boolean;
  /** Output tokens to assume when neither the request nor the catalog caps them. Default 4096. */
  defaultMaxOutputTokens?: number;
  /**
   * The prompt's tokens when the caller has them (e.g. `promptHoldTokens`, an upper bound); by
   * default the prompt is counted with the candidate's tokenizer.
   */
  promptTokens?: number;
}

export interface WorstCase {
  /** What a budget reserves before the call. */
  cost: Money;
  inputTokens: number;
  outputTokens: number;
}

const DEFAULT_MAX_OUTPUT = 4096;

/**
 * The most a call can cost, to reserve before it starts: the counted prompt (no cache discount
 * assumed) plus the most output it may produce, at the prices of the tier the prompt falls in.
 * Output is `maxOutputTokens` of the request, else the model's cap, else a default; never more
 * than what the window leaves after the prompt.
 */
export function estimateWorstCaseCost(
  request: Pick<ChatRequest, 'messages' | 'tools' | 'responseFormat' | 'maxOutputTokens'>,
  candidate: { provider: string; model: string },
  entry: Pick<
    CatalogEntry,
    'prices' | 'maxOutputTokens' | 'contextWindow' | 'extendedContextWindow' | 'mode'
  >,
  options: WorstCaseOptions = {},
): WorstCase {
  const inputTokens =
    options.promptTokens ?? countChatTokens(request, tokenCounterFor(candidate.provider, candidate.model));
  const sheet = priceSheetFor(entry.prices, inputTokens);
  const window = Math.max(entry.contextWindow, entry.extendedContextWindow ?? 0);
  const cap =
    request.maxOutputTokens ?? entry.maxOutputTokens ?? options.defaultMaxOutputTokens ?? DEFAULT_MAX_OUTPUT;
  const outputTokens = entry.mode === 'embedding' ? 0 : Math.max(0, Math.min(cap, window - inputTokens));
  const inputPrice = options.assumeCacheWrites
    ? [sheet.input, sheet.cacheWrite, sheet.cacheWrite1h].reduce((a, b) => Money.max(a, b))
    : sheet.input;
  return {
    cost: priceTokens(inputTokens, inputPrice).plus(priceTokens(outputTokens, sheet.output)),
    inputTokens,
    outputTokens,
  };
}
