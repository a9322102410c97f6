import { z } from 'zod';
import { BUDGET_SCOPES, BUDGET_WINDOWS } from '../accounting/budgets/budget-rule.js';
import { Money } from '../accounting/money.js';
import { RATE_LIMIT_SCOPES } from '../limits/rate-limit-rule.js';
import { kindOf } from './describe-issue.js';
import { duration, flag, fraction, integer, listOf, name, section } from './schema-helpers.js';

const USD_EXPECTED = 'an amount in USD: a number or a decimal string such as "12.50"';

/** USD, read exactly (a decimal string keeps every digit) and kept as its exact decimal string. */
const usd = z.unknown().transform((value, ctx) => {
  let problem = value === undefined ? undefined : kindOf(value);
  if (typeof value === 'number' || typeof value === 'string') {
    try {
      const amount = typeof value === 'number' ? Money.fromNumber(value) : Money.parse(value);
      if (!amount.isNegative()) return amount.toString();
      problem = 'a negative amount';
    } catch {
      // The message names what is wrong without the value.
      if (typeof value === 'string' && /^\s*\d+\.\d+\s*$/.test(value))
        problem = 'more than 12 decimal places';
    }
  }
  ctx.addIssue({
    code: 'custom',
    message:
      problem === undefined
        ? `is required; expected ${USD_EXPECTED}`
        : `expected ${USD_EXPECTED}, got ${problem}`,
  });
  return z.NEVER;
});

export const budgetLimitSchema = section({
  /** Names the budget in errors and events; its spend is counted under it. */
  id: name.optional(),
  scope: z.enum(BUDGET_SCOPES),
  match: name.optional(),
  window: z.enum(BUDGET_WINDOWS).optional(),
  limit: usd,
  warnAt: fraction.optional(),
});

export const budgetsSchema = section({
  warnAt: fraction.optional(),
  holdMs: duration.optional(),
  limits: listOf(budgetLimitSchema).optional(),
});

const onLimitSchema = z.enum(['queue', 'refuse']);

export const rateLimitRuleSchema = section({
  id: name.optional(),
  scope: z.enum(RATE_LIMIT_SCOPES),
  match: name.optional(),
  requestsPerMinute: integer(1).optional(),
  tokensPerMinute: integer(1).optional(),
  maxConcurrent: integer(1).optional(),
  onLimit: onLimitSchema.optional(),
}).superRefine((rule, ctx) => {
  if (typeof rule !== 'object' || rule === null) return;
  const { requestsPerMinute, tokensPerMinute, maxConcurrent } = rule as Record<string, unknown>;
  if (requestsPerMinute === undefined && tokensPerMinute === undefined && maxConcurrent === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: 'sets no limit; expected requests_per_minute, tokens_per_minute or max_concurrent',
    });
  }
});

export const rateLimitsSchema = section({
  onLimit: onLimitSchema.optional(),
  queue: section({ maxLength: integer(0).optional(), maxWaitMs: duration.optional() }).optional(),
  upstream: section({ enabled: flag.optional(), paceBelow: fraction.optional() }).optional(),
  concurrencyRecheckMs: duration.optional(),
  holdMs: duration.optional(),
  limits: listOf(rateLimitRuleSchema).optional(),
});

export type BudgetsConfig = z.output<typeof budgetsSchema>;
export type RateLimitsConfig = z.output<typeof rateLimitsSchema>;
