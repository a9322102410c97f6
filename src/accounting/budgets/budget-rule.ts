import { Money } from '../money.js';

/** Whose spending a budget limits. `global` is every call; the others are one value each. */
export type BudgetScope = 'global' | 'key' | 'user' | 'team' | 'task' | 'provider';

export const BUDGET_SCOPES: readonly BudgetScope[] = ['global', 'key', 'user', 'team', 'task', 'provider'];

/** When a budget starts again from zero: UTC midnight, the first of the UTC month, or never. */
export type BudgetWindow = 'day' | 'month' | 'total';

export const BUDGET_WINDOWS: readonly BudgetWindow[] = ['day', 'month', 'total'];

/** Who a call is for. `key` is the API key's id or name (a gateway virtual key), never the secret. */
export interface BudgetSubject {
  key?: string;
  user?: string;
  team?: string;
  task?: string;
  provider?: string;
}

export interface BudgetRule {
  /** Names the rule in errors, events and counter keys; keep it stable or the spend restarts. */
  id: string;
  scope: BudgetScope;
  /**
   * One value of the scope (`alice`). Without it the rule gives EVERY value its own limit; a rule
   * with `match` replaces such a rule for its value (same scope and window).
   */
  match?: string;
  window: BudgetWindow;
  /** The hard limit in USD: a call whose worst case would pass it is refused. */
  limit: Money;
  /** Fraction of the limit (0-1) at which a warning is raised once per window. Default 0.8. */
  warnAt: number;
}

export interface BudgetRuleInput {
  id?: string;
  scope: BudgetScope;
  match?: string;
  window?: BudgetWindow;
  /** USD as a decimal string (`"12.50"`, exact), a number, or Money. */
  limit: string | number | Money;
  warnAt?: number;
}

export const DEFAULT_WARN_AT = 0.8;

/** Fills defaults and reads the limit exactly; throws RangeError on a negative limit or bad fraction. */
export function normalizeBudgetRule(input: BudgetRuleInput, defaultWarnAt = DEFAULT_WARN_AT): BudgetRule {
  const limit =
    input.limit instanceof Money
      ? input.limit
      : typeof input.limit === 'number'
        ? Money.fromNumber(input.limit)
        : Money.parse(input.limit);
  if (limit.isNegative()) throw new RangeError(`budget limit must not be negative, got ${limit}`);
  const warnAt = input.warnAt ?? defaultWarnAt;
  if (!(warnAt >= 0 && warnAt <= 1))
    throw new RangeError(`budget warn_at must be from 0 to 1, got ${warnAt}`);
  const window = input.window ?? 'month';
  const id = input.id ?? [input.scope, input.match, window].filter(Boolean).join(':');
  return { id, scope: input.scope, match: input.match, window, limit, warnAt };
}

/** The subject's value for the rule's scope, or undefined when the rule does not apply to it. */
export function scopeValue(rule: BudgetRule, subject: BudgetSubject): string | undefined {
  if (rule.scope === 'global') return '*';
  const value = subject[rule.scope];
  if (value === undefined || value === '') return undefined;
  if (rule.match !== undefined && rule.match !== value) return undefined;
  return value;
}

/**
 * The rules that govern a subject: every rule whose scope value it has, except a general rule
 * (no `match`) where a matching rule of the same scope and window names this value.
 */
export function rulesFor(rules: readonly BudgetRule[], subject: BudgetSubject): BudgetRule[] {
  const applicable = rules.filter((rule) => scopeValue(rule, subject) !== undefined);
  return applicable.filter(
    (rule) =>
      rule.match !== undefined ||
      !applicable.some(
        (other) => other.match !== undefined && other.scope === rule.scope && other.window === rule.window,
      ),
  );
}
