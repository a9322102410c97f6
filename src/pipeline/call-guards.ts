import type { BudgetReservation } from '../accounting/budgets/budget-reservation.js';
import { estimateWorstCaseCost } from '../accounting/cost/estimate-worst-case-cost.js';
import type { CallContext } from '../accounting/ledger/settled-row.js';
import { Money } from '../accounting/money.js';
import { promptHoldTokens } from '../accounting/tokens/prompt-hold-tokens.js';
import { tokenCounterFor } from '../accounting/tokens/token-counter.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import type { RateLimitPermit } from '../limits/rate-limit-permit.js';
import type { Deployment, RoutePlan } from '../router/route-plan.js';
import type { Pipeline } from './pipeline.js';

/** What a call holds under budgets and rate limits until it settles. */
export interface CallGuards {
  reservation?: BudgetReservation;
  permit?: RateLimitPermit;
}

/** What a call that holds nothing holds: shared, never changed. */
export const NO_GUARDS: CallGuards = Object.freeze({});

/**
 * Whether any budget or rate-limit rule can hold a call. The embedded defaults have none: the
 * caller then skips `acquireGuards` and its promise and turn altogether.
 */
export function guardsNeeded(pipeline: Pipeline): boolean {
  const { budgets, limiter } = pipeline;
  return (
    (budgets !== undefined && budgets.rules.length > 0) || (limiter !== undefined && limiter.rules.length > 0)
  );
}

/**
 * Before any provider is called: the call's worst case reserved against every budget governing
 * it, then its rate-limit permit (which may wait in the limiter's queue). A refusal throws
 * `budget_exceeded` / `rate_limited` and leaves nothing held. Both count against the chain's first
 * deployment: the one the call is meant for; the worst case is the dearest of the whole chain, so
 * a fallback can never spend past what was reserved.
 */
export async function acquireGuards(
  pipeline: Pipeline,
  plan: RoutePlan,
  request: ChatRequest,
  call: CallContext,
): Promise<CallGuards> {
  const { budgets, limiter } = pipeline;
  if (!budgets && !limiter) return NO_GUARDS;
  const primary = plan.groups[0]?.deployments[0];
  const guards: CallGuards = {};
  // The prompt is counted once (for the first deployment) and shared by both holds.
  let promptTokens: number | undefined;
  if (budgets && budgets.rules.length > 0) {
    const worst = worstCaseOfChain(pipeline, plan, request, primary);
    promptTokens = worst.primaryInputTokens;
    guards.reservation = await budgets.reserve(
      { key: call.key, user: call.user, team: call.team, task: call.task, provider: primary?.provider },
      worst.cost,
    );
  }
  if (limiter && limiter.rules.length > 0) {
    promptTokens ??= countPrompt(request, primary);
    try {
      guards.permit = await limiter.acquire(
        { provider: primary?.provider, deployment: primary?.id, key: call.key, user: call.user },
        { estimatedTokens: promptTokens + (request.maxOutputTokens ?? 0), signal: request.signal },
      );
    } catch (error) {
      await guards.reservation?.release();
      throw error;
    }
  }
  return guards;
}

/**
 * Ends the holds: real cost and tokens when a provider was reached, everything given back if not.
 * Undefined when the call held nothing (no promise made); both holds end together when it held both.
 */
export function settleGuards(
  guards: CallGuards,
  outcome: { reached: boolean; cost?: Money; tokens?: number },
): Promise<unknown> | undefined {
  const { reservation, permit } = guards;
  if (!reservation && !permit) return undefined;
  const budget = outcome.reached ? reservation?.settle(outcome.cost ?? Money.ZERO) : reservation?.release();
  const limit = outcome.reached ? permit?.settle(outcome.tokens) : permit?.release();
  if (budget && limit) return Promise.all([budget, limit]);
  return budget ?? limit;
}

function worstCaseOfChain(
  pipeline: Pipeline,
  plan: RoutePlan,
  request: ChatRequest,
  primary: Deployment | undefined,
): { cost: Money; primaryInputTokens?: number } {
  let cost = Money.ZERO;
  let primaryInputTokens: number | undefined;
  for (const group of plan.groups) {
    for (const deployment of group.deployments) {
      const entry = pipeline.catalog?.get(deployment.model, deployment.provider);
      // A model the catalog does not price reserves nothing: its cost is unknown, not zero, and
      // settles as zero too (the ledger row says the cost is estimated).
      if (!entry) continue;
      const promptTokens = promptHoldTokens(request, tokenCounterFor(deployment.provider, deployment.model));
      const worst = estimateWorstCaseCost(request, deployment, entry, { promptTokens });
      if (deployment === primary) primaryInputTokens = worst.inputTokens;
      cost = Money.max(cost, worst.cost);
    }
  }
  return { cost, primaryInputTokens };
}

function countPrompt(request: ChatRequest, primary: Deployment | undefined): number {
  const counter = tokenCounterFor(primary?.provider ?? 'openai', primary?.model ?? request.model);
  return promptHoldTokens(request, counter);
}
