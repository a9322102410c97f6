import type { Clock } from '../../policies/clock.js';
import type { ReserveItem, Store } from '../../store/store.js';
import { WindowedKey } from '../../store/time-window.js';
import { wallClock } from '../../store/wall-clock.js';
import { Money } from '../money.js';
import { budgetExceeded } from './budget-error.js';
import { BudgetReservation, toMoney } from './budget-reservation.js';
import {
  type BudgetRule,
  type BudgetRuleInput,
  type BudgetSubject,
  DEFAULT_WARN_AT,
  normalizeBudgetRule,
  rulesFor,
  scopeValue,
} from './budget-rule.js';
import { limitUnits, spendUnits, unitsToMoney } from './budget-units.js';

export interface BudgetStatus {
  rule: BudgetRule;
  /** The scope's value this status is for (`*` for global). */
  value: string;
  /** Spend in the current window, including the worst case of calls still in flight. */
  spent: Money;
  limit: Money;
  remaining: Money;
  /** Spend has reached `warnAt` of the limit. */
  warning: boolean;
  /** Spend has reached the limit: only free calls fit. */
  exceeded: boolean;
  /** Epoch ms of the next reset; undefined for `total`. */
  resetsAt?: number;
}

export interface BudgetWarningEvent {
  ruleId: string;
  scope: BudgetRule['scope'];
  value: string;
  window: BudgetRule['window'];
  /** Exact USD decimal strings. */
  spent: string;
  limit: string;
  warnAt: number;
}

/** The part of a pino logger the manager writes its warning line to. */
export interface BudgetLogger {
  warn(object: Record<string, unknown>, message?: string): void;
}

export interface BudgetManagerOptions {
  store: Store;
  rules?: readonly BudgetRuleInput[];
  /** Wall-clock time (UTC windows). Default the system clock. */
  clock?: Pick<Clock, 'now'>;
  /** Where a warning is logged (once per rule, value and window, per process). */
  logger?: BudgetLogger;
  /** `warnAt` for rules that do not set one. Default 0.8. */
  warnAt?: number;
  /** How long a reservation holds if its call never settles (a crashed process). Default 10 minutes. */
  holdMs?: number;
}

interface Counted {
  rule: BudgetRule;
  value: string;
  key: string;
  expiresAt?: number;
}

/**
 * Budgets per scope and window. A call reserves its worst case against every budget that governs
 * it in ONE atomic store call before any provider is called, and settles to its real cost after, so
 * concurrent calls can never spend past a limit together.
 */
export class BudgetManager {
  readonly #store: Store;
  readonly #clock: Pick<Clock, 'now'>;
  readonly #logger?: BudgetLogger;
  readonly #warnAt: number;
  readonly #holdMs?: number;
  readonly #rules: BudgetRule[] = [];
  readonly #listeners = new Set<(event: BudgetWarningEvent) => void>();
  /** Counter keys already warned about, with when their window ends. */
  readonly #warned = new Map<string, number>();
  /**
   * The budgets governing each subject seen, with their counter names: matching the rules and
   * encoding the names on every call was a measurable share of a call's budget cost. Cleared when
   * a rule changes; bounded at 10,000 subjects.
   */
  readonly #governing = new Map<string, Array<{ rule: BudgetRule; value: string; counter: WindowedKey }>>();

  constructor(options: BudgetManagerOptions) {
    this.#store = options.store;
    this.#clock = options.clock ?? wallClock;
    this.#logger = options.logger;
    this.#warnAt = options.warnAt ?? DEFAULT_WARN_AT;
    this.#holdMs = options.holdMs;
    for (const rule of options.rules ?? []) this.createBudget(rule);
  }

  get rules(): readonly BudgetRule[] {
    return this.#rules;
  }

  /** Adds a budget (LiteLLM's name), or replaces the one with the same id. */
  createBudget(input: BudgetRuleInput): BudgetRule {
    const rule = normalizeBudgetRule(input, this.#warnAt);
    const index = this.#rules.findIndex((existing) => existing.id === rule.id);
    if (index >= 0) this.#rules[index] = rule;
    else this.#rules.push(rule);
    this.#governing.clear();
    return rule;
  }

  /** Listens for warnings; returns a function that stops listening. */
  onWarning(listener: (event: BudgetWarningEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Holds `worstCaseCost` (prompt estimate + max output x price) against every budget governing
   * the subject, or throws SwitchyardError `budget_exceeded` naming the first one it would pass.
   */
  async reserve(subject: BudgetSubject, worstCaseCost: Money | string | number): Promise<BudgetReservation> {
    const worstCase = toMoney(worstCaseCost);
    const amount = spendUnits(worstCase);
    const counted = this.#counted(subject);
    if (counted.length === 0) return new BudgetReservation(undefined, worstCase, NOTHING_HELD);
    const items: ReserveItem[] = counted.map(({ rule, key, expiresAt }) => ({
      key,
      amount,
      limit: limitUnits(rule.limit),
      expiresAt,
    }));
    const result = await this.#store.reserve(items, { holdMs: this.#holdMs });
    if (!result.ok) {
      const { rule, value, expiresAt } = counted[result.index]!;
      throw budgetExceeded({
        rule,
        value,
        spent: unitsToMoney(result.current),
        worstCase,
        resetsAt: expiresAt,
        now: this.#clock.now(),
      });
    }
    const { reservationId } = result;
    return new BudgetReservation(reservationId, worstCase, {
      settle: async (realCost) => {
        await this.#store.settle(reservationId, spendUnits(realCost));
        await this.#checkWarnings(counted);
      },
      release: async () => {
        await this.#store.release(reservationId);
      },
    });
  }

  /** Counts spend that was not reserved (calls made outside the pipeline; LiteLLM's `update_cost`). */
  async recordUsage(subject: BudgetSubject, cost: Money | string | number): Promise<void> {
    const amount = spendUnits(toMoney(cost));
    const counted = this.#counted(subject);
    await Promise.all(counted.map(({ key, expiresAt }) => this.#store.increment(key, amount, { expiresAt })));
    await this.#checkWarnings(counted);
  }

  /** Every budget governing the subject, with its spend in the current window. */
  async status(subject: BudgetSubject): Promise<BudgetStatus[]> {
    const counted = this.#counted(subject);
    if (counted.length === 0) return [];
    const values = await this.#store.getCounters(counted.map((entry) => entry.key));
    return counted.map(({ rule, value, expiresAt }, index) => {
      const spentUnits = values[index]!;
      const limit = limitUnits(rule.limit);
      const spent = unitsToMoney(spentUnits);
      return {
        rule,
        value,
        spent,
        limit: rule.limit,
        remaining: Money.max(rule.limit.minus(spent), Money.ZERO),
        warning: spentUnits >= rule.warnAt * limit,
        exceeded: spentUnits >= limit,
        resetsAt: expiresAt,
      };
    });
  }

  /** Whether any budget governing the subject has reached its warning threshold. */
  async atWarningThreshold(subject: BudgetSubject): Promise<boolean> {
    return (await this.status(subject)).some((status) => status.warning);
  }

  /**
   * Whether any budget governing the subject is spent: with `nextCost`, whether a call costing that
   * much would pass a limit (what `reserve` would refuse).
   */
  async atLimit(subject: BudgetSubject, nextCost?: Money | string | number): Promise<boolean> {
    const next = nextCost === undefined ? undefined : spendUnits(toMoney(nextCost));
    return (await this.status(subject)).some((status) => {
      const spent = spendUnits(status.spent);
      const limit = limitUnits(status.limit);
      return next === undefined ? spent >= limit : spent + next > limit;
    });
  }

  /** Starts the current window of the subject's budgets (or of one rule) again from zero. */
  async resetCost(subject: BudgetSubject, ruleId?: string): Promise<void> {
    const counted = this.#counted(subject).filter(
      (entry) => ruleId === undefined || entry.rule.id === ruleId,
    );
    await Promise.all(counted.map(({ key }) => this.#store.deleteCounter(key)));
    for (const { key } of counted) this.#warned.delete(key);
  }

  #counted(subject: BudgetSubject): Counted[] {
    const now = this.#clock.now();
    const id = `${subject.key ?? ''}\u0000${subject.user ?? ''}\u0000${subject.team ?? ''}\u0000${subject.task ?? ''}\u0000${subject.provider ?? ''}`;
    let governing = this.#governing.get(id);
    if (!governing) {
      governing = rulesFor(this.#rules, subject).map((rule) => {
        const value = scopeValue(rule, subject)!;
        return {
          rule,
          value,
          counter: new WindowedKey(`budget:${rule.id}:${encodeURIComponent(value)}`, rule.window),
        };
      });
      if (this.#governing.size >= 10_000) this.#governing.clear();
      this.#governing.set(id, governing);
    }
    const counted: Counted[] = [];
    for (const { rule, value, counter } of governing) {
      const { key, expiresAt } = counter.at(now);
      counted.push({ rule, value, key, expiresAt });
    }
    return counted;
  }

  async #checkWarnings(counted: Counted[]): Promise<void> {
    if (counted.length === 0) return;
    const values = await this.#store.getCounters(counted.map((entry) => entry.key));
    for (const [index, { rule, value, key, expiresAt }] of counted.entries()) {
      const spent = values[index]!;
      if (this.#warned.has(key) || spent < rule.warnAt * limitUnits(rule.limit)) continue;
      this.#remember(key, expiresAt ?? Number.POSITIVE_INFINITY, this.#clock.now());
      const event: BudgetWarningEvent = {
        ruleId: rule.id,
        scope: rule.scope,
        value: rule.scope === 'key' ? '(key)' : value,
        window: rule.window,
        spent: unitsToMoney(spent).toString(),
        limit: rule.limit.toString(),
        warnAt: rule.warnAt,
      };
      this.#logger?.warn({ event: 'budget-warning', ...event }, 'switchyard budget-warning');
      for (const listener of this.#listeners) listener(event);
    }
  }

  #remember(key: string, until: number, now: number): void {
    if (this.#warned.size >= 10_000) {
      for (const [old, end] of this.#warned) if (end <= now) this.#warned.delete(old);
    }
    this.#warned.set(key, until);
  }
}

const NOTHING_HELD = { settle: async () => {}, release: async () => {} };
