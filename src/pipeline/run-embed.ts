import type { CallCost } from '../accounting/cost/call-cost.js';
import { toCallCost } from '../accounting/cost/compute-cost.js';
import type { LedgerRow } from '../accounting/ledger/ledger-row.js';
import { rowForFailure } from '../accounting/ledger/settled-row.js';
import { Money, priceTokens } from '../accounting/money.js';
import { tokenCounterFor } from '../accounting/tokens/token-counter.js';
import { batchEmbed } from '../batching/batch-embed.js';
import type { EmbedRequest } from '../core/types/chat-request.js';
import type { EmbedResult } from '../core/types/chat-result.js';
import { callContext } from './call-context.js';
import type { Pipeline } from './pipeline.js';
import { recordRow } from './settle-call.js';

/** An embedding result with its exact cost (absent when the catalog does not price the model). */
export type CostedEmbedResult = EmbedResult & { cost?: CallCost };

/**
 * An embedding call: budget and rate-limit holds for its counted inputs, the inputs split into the
 * provider's batches (in parallel, order kept), the summed usage priced from the catalog, then
 * settlement, one ledger row and the stats.
 */
export async function runEmbed(
  pipeline: Pipeline,
  target: { provider: string; model: string },
  request: EmbedRequest,
  embed: (request: EmbedRequest) => Promise<EmbedResult>,
): Promise<CostedEmbedResult> {
  const call = callContext(request, `${target.provider}/${target.model}`, false);
  const started = performance.now();
  const entry = pipeline.catalog?.get(target.model, target.provider);
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  const needsCount = (pipeline.budgets?.rules.length ?? 0) > 0 || (pipeline.limiter?.rules.length ?? 0) > 0;
  const tokens = needsCount ? countInputs(target, inputs) : 0;
  const reservation =
    pipeline.budgets && pipeline.budgets.rules.length > 0
      ? await pipeline.budgets.reserve(
          { provider: target.provider },
          entry ? priceTokens(tokens, entry.prices.input) : Money.ZERO,
        )
      : undefined;
  let permit: Awaited<ReturnType<NonNullable<Pipeline['limiter']>['acquire']>> | undefined;
  try {
    if (pipeline.limiter && pipeline.limiter.rules.length > 0)
      permit = await pipeline.limiter.acquire(
        { provider: target.provider, deployment: `${target.provider}/${target.model}` },
        { estimatedTokens: tokens, signal: request.signal },
      );
  } catch (error) {
    await reservation?.release();
    await recordRow(
      pipeline,
      rowForFailure(call, error, { latencyMs: performance.now() - started, ...target }),
    );
    throw error;
  }
  try {
    const result = await batchEmbed(request, {
      provider: target.provider,
      embed,
      price: entry ? (batch) => priceTokens(batch.usage.inputTokens, entry.prices.input) : undefined,
    });
    const cost = result.cost;
    await reservation?.settle(cost ?? Money.ZERO);
    await permit?.settle(result.usage.inputTokens);
    const { batches: _batches, cost: _cost, ...plain } = result;
    const answer: CostedEmbedResult = plain;
    if (cost)
      answer.cost = toCallCost(
        { total: cost, input: cost, cachedInput: Money.ZERO, cacheWrite: Money.ZERO, output: Money.ZERO },
        false,
      );
    await recordRow(pipeline, embedRow(call, answer));
    return answer;
  } catch (error) {
    // Batches that were answered before one failed were paid for; the estimate is all inputs.
    await reservation?.settle(reservation.worstCase);
    await permit?.settle();
    await recordRow(
      pipeline,
      rowForFailure(call, error, { latencyMs: performance.now() - started, ...target }),
    );
    throw error;
  }
}

function countInputs(target: { provider: string; model: string }, inputs: string[]): number {
  const counter = tokenCounterFor(target.provider, target.model);
  return inputs.reduce((sum, input) => sum + counter.count(input), 0);
}

function embedRow(call: ReturnType<typeof callContext>, result: CostedEmbedResult): LedgerRow {
  const { at: _at, ...context } = call;
  return {
    at: Date.now(),
    ...context,
    provider: result.provider,
    model: result.model,
    inputTokens: result.usage.inputTokens,
    outputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    reasoningTokens: 0,
    cost: result.cost?.total ?? '0',
    ...(result.cost ? {} : { costEstimated: true }),
    latencyMs: result.latencyMs,
    outcome: 'ok',
    cacheHit: false,
  };
}
