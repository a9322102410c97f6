import { type BudgetLogger, BudgetManager } from '../../accounting/budgets/budget-manager.js';
import type { BudgetRuleInput } from '../../accounting/budgets/budget-rule.js';
import { type PriceLookup, priceCall } from '../../accounting/cost/price-call.js';
import type { Ledger } from '../../accounting/ledger/ledger.js';
import { Money } from '../../accounting/money.js';
import type { Deployment } from '../../router/route-plan.js';
import { MemoryStore } from '../../store/memory-store.js';
import type { Store } from '../../store/store.js';
import { windowBounds } from '../../store/time-window.js';
import type { RequestOutcome } from '../request-context.js';
import type { Caller } from './caller.js';
import type { KeyPermit } from './key-rate-limits.js';
import type { VirtualKeyInfo } from './virtual-key.js';
import { worstCaseOfBody } from './worst-case-of-body.js';

export interface KeyBudgetsOptions {
  /** Prices for the worst case before a call and the real cost after: the client's own catalog, so they match the ledger. */
  catalog: PriceLookup;
  /** Where a model name may be served (every deployment of its plan); empty when it resolves nowhere. */
  deployments(model: string): Deployment[];
  /**
   * The ledger the client records calls to (rows carry the key id): each key's spend in its current
   * window is read from it once per process, so a restarted gateway still knows what a key spent.
   */
  ledger?: Pick<Ledger, 'totals'>;
  /** Where spend is counted. Default in memory, for this process. */
  store?: Store;
  /** Wall-clock time (UTC windows). Default the system clock. */
  clock?: { now(): number };
  /** Where a key's budget warning (`warn_at`) is logged. */
  logger?: BudgetLogger;
}

interface KeyManager {
  signature: string;
  manager: BudgetManager;
}

/**
 * Each virtual key's budgets, enforced with the library's BudgetManager in the key scope: the
 * request's worst case is reserved before the route runs (so a key over its budget is refused
 * before any provider is called), and settled to the call's real cost when it is over. One manager
 * per key (its rules are the key's own) counting in one store under the key's id.
 */
export class KeyBudgets {
  readonly #options: KeyBudgetsOptions;
  readonly #store: Store;
  readonly #managers = new Map<string, Promise<KeyManager>>();

  constructor(options: KeyBudgetsOptions) {
    this.#options = options;
    this.#store = options.store ?? new MemoryStore({ clock: options.clock });
  }

  /** Holds the call's worst case, or throws `budget_exceeded`; undefined when the caller has no budget. */
  async hold(caller: Caller, body: unknown): Promise<KeyPermit | undefined> {
    if (caller.kind !== 'virtual') return undefined;
    const rules = keyBudgetRules(caller.key);
    if (rules.length === 0) return undefined;
    const model = typeof body === 'object' && body !== null ? (body as { model?: unknown }).model : undefined;
    // Only calls spend: listing models is free even for a key whose budget is gone.
    if (typeof model !== 'string') return undefined;
    const { manager } = await this.#managerFor(caller.key, rules);
    const worstCase = worstCaseOfBody(body, this.#pricedDeployments(model));
    const reservation = await manager.reserve({ key: caller.key.id }, worstCase);
    return {
      // Without usage nothing was produced (a refusal, or a failure that costs nothing): given back.
      finish: async (outcome) => {
        if (outcome.usage) await reservation.settle(this.#costOf(outcome));
        else await reservation.release();
      },
    };
  }

  #pricedDeployments(model: string) {
    let deployments: Deployment[];
    try {
      deployments = this.#options.deployments(model);
    } catch {
      // A name that resolves nowhere fails in the route with model_not_found; nothing is spent.
      return [];
    }
    const { catalog } = this.#options;
    return deployments.flatMap((deployment) => catalog.get(deployment.model, deployment.provider) ?? []);
  }

  /** What the call cost at the catalog's prices, as the client's ledger row says; zero when unpriced. */
  #costOf(outcome: RequestOutcome): Money {
    if (!outcome.usage || !outcome.provider || !outcome.model) return Money.ZERO;
    const cost = priceCall(this.#options.catalog, {
      provider: outcome.provider,
      model: outcome.model,
      requestedModel: outcome.attempts?.at(-1)?.model,
      usage: outcome.usage,
    });
    return cost ? Money.parse(cost.total) : Money.ZERO;
  }

  #managerFor(key: VirtualKeyInfo, rules: BudgetRuleInput[]): Promise<KeyManager> {
    const signature = JSON.stringify(rules);
    const known = this.#managers.get(key.id);
    if (known) {
      return known.then((entry) => {
        if (entry.signature === signature) return entry;
        this.#managers.delete(key.id);
        return this.#managerFor(key, rules);
      });
    }
    const created = this.#createManager(key.id, rules, signature);
    this.#managers.set(key.id, created);
    // A failed ledger read is tried again on the next call rather than kept.
    created.catch(() => this.#managers.delete(key.id));
    return created;
  }

  async #createManager(keyId: string, rules: BudgetRuleInput[], signature: string): Promise<KeyManager> {
    const { clock, logger } = this.#options;
    const manager = new BudgetManager({ store: this.#store, clock, logger, rules });
    await this.#seedFromLedger(manager, keyId);
    return { signature, manager };
  }

  /**
   * Spend from before this process, once per key: the ledger's total for the key since each window
   * began. A window that already counts spend (a store shared with another instance) is left alone.
   */
  async #seedFromLedger(manager: BudgetManager, keyId: string): Promise<void> {
    const { ledger, clock } = this.#options;
    if (!ledger) return;
    const now = (clock ?? Date).now();
    for (const status of await manager.status({ key: keyId })) {
      if (!status.spent.isZero()) continue;
      const since = windowBounds(status.rule.window, now).start;
      const spent = (await ledger.totals('key', since)).find((total) => total.group === keyId)?.cost;
      if (spent === undefined || Money.parse(spent).isZero()) continue;
      // A manager over this one rule counts into the very counter the key's manager reads.
      const single = new BudgetManager({ store: this.#store, clock, rules: [status.rule] });
      await single.recordUsage({ key: keyId }, spent);
    }
  }
}

/** A key's budgets (`max_budget_usd` and the `budgets` list) as rules of the key scope, one per window. */
export function keyBudgetRules(key: VirtualKeyInfo): BudgetRuleInput[] {
  const rules: BudgetRuleInput[] = [];
  // Ids of their own (`virtual-key:<id>:<window>`): the counters live in the client's store, where a
  // config budget over the same key and window must not count into the same counter, and two of
  // the key's budgets over one window must not replace each other.
  const idFor = (window: string) => {
    const base = `virtual-key:${key.id}:${window}`;
    let id = base;
    for (let n = 2; rules.some((rule) => rule.id === id); n++) id = `${base}:${n}`;
    return id;
  };
  if (key.maxBudgetUsd !== undefined) {
    const window = key.budgetWindow ?? 'month';
    rules.push({ id: idFor(window), scope: 'key', match: key.id, window, limit: key.maxBudgetUsd });
  }
  for (const budget of key.budgets ?? []) {
    const rule: BudgetRuleInput = {
      id: idFor(budget.window),
      scope: 'key',
      match: key.id,
      window: budget.window,
      limit: budget.limitUsd,
    };
    if (budget.warnAt !== undefined) rule.warnAt = budget.warnAt;
    rules.push(rule);
  }
  return rules;
}
