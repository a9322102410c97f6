import { priceSheetFor } from '../../accounting/cost/compute-cost.js';
import { Money, priceTokens } from '../../accounting/money.js';
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import { outputTokensAsked, promptTokensOfBody } from './body-tokens.js';

/** Output assumed when neither the request nor the catalog caps it, as the client's own budgets assume. */
const DEFAULT_MAX_OUTPUT = 4096;

/**
 * The most a request can cost on the dearest of the models it may be served by: the prompt
 * estimate plus the most output it may produce, at each model's catalog prices. Models the catalog
 * does not price count nothing (their cost is unknown, as in the client's own budgets).
 */
export function worstCaseOfBody(
  body: unknown,
  entries: ReadonlyArray<
    Pick<CatalogEntry, 'prices' | 'maxOutputTokens' | 'contextWindow' | 'extendedContextWindow' | 'mode'>
  >,
): Money {
  const inputTokens = promptTokensOfBody(body);
  const asked = outputTokensAsked(body);
  let worst = Money.ZERO;
  for (const entry of entries) {
    const sheet = priceSheetFor(entry.prices, inputTokens);
    const window = Math.max(entry.contextWindow, entry.extendedContextWindow ?? 0);
    const cap = asked ?? entry.maxOutputTokens ?? DEFAULT_MAX_OUTPUT;
    const outputTokens = entry.mode === 'embedding' ? 0 : Math.max(0, Math.min(cap, window - inputTokens));
    const cost = priceTokens(inputTokens, sheet.input).plus(priceTokens(outputTokens, sheet.output));
    worst = Money.max(worst, cost);
  }
  return worst;
}
