import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { Money } from '../money.js';
import type { BudgetRule } from './budget-rule.js';

export interface BudgetRefusal {
  rule: BudgetRule;
  /** The scope's value (`alice`); for the `key` scope it is never printed, in case a secret was passed. */
  value: string;
  /** Spend already counted in the window, reservations of calls in flight included. */
  spent: Money;
  worstCase: Money;
  /** Epoch ms at which the window resets; undefined for `total`. */
  resetsAt?: number;
  now: number;
}

/**
 * The error for a call refused before any provider was called. A provider's own budget moves the
 * chain on (another provider may have budget left); every other scope ends the call.
 */
export function budgetExceeded(refusal: BudgetRefusal): SwitchyardError {
  const { rule, value, spent, worstCase, resetsAt, now } = refusal;
  const who = rule.scope === 'global' ? 'global' : rule.scope === 'key' ? 'key' : `${rule.scope} '${value}'`;
  const resets =
    resetsAt === undefined ? 'it does not reset' : `it resets at ${new Date(resetsAt).toISOString()}`;
  return new SwitchyardError({
    kind: 'budget_exceeded',
    message:
      `${who} ${rule.window} budget of $${rule.limit} (rule ${rule.id}) would be exceeded: ` +
      `$${spent} spent or reserved, this call may cost up to $${worstCase}; ${resets}`,
    provider: rule.scope === 'provider' ? value : undefined,
    code: rule.id,
    retryable: false,
    fallbackable: rule.scope === 'provider',
    retryAfterMs: resetsAt === undefined ? undefined : Math.max(0, resetsAt - now),
  });
}
