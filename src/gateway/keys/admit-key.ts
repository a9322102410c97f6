import type { Caller } from './caller.js';
import type { KeyBudgets } from './key-budgets.js';
import type { KeyPermit, KeyRateLimits } from './key-rate-limits.js';

/**
 * A virtual key's holds for one call, budget first then rate limits (the order the client's own
 * pipeline takes): a refusal by either holds nothing. Undefined when the key has neither.
 */
export async function admitKey(
  caller: Caller,
  body: unknown,
  signal: AbortSignal,
  guards: { budgets?: KeyBudgets; limits?: KeyRateLimits },
): Promise<KeyPermit | undefined> {
  const budget = await guards.budgets?.hold(caller, body);
  let permit: KeyPermit | undefined;
  try {
    permit = await guards.limits?.admit(caller, body, signal);
  } catch (error) {
    await budget?.finish({});
    throw error;
  }
  if (!budget || !permit) return budget ?? permit;
  return {
    finish: async (outcome) => {
      await Promise.all([budget.finish(outcome), permit.finish(outcome)]);
    },
  };
}
