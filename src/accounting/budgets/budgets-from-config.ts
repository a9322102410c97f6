import type { BudgetsConfig } from '../../config/budgets-limits-schema.js';
import type { Clock } from '../../policies/clock.js';
import type { Store } from '../../store/store.js';
import { type BudgetLogger, BudgetManager } from './budget-manager.js';

/** The budget manager a config's `budgets` section describes (one with no budgets reserves nothing). */
export function budgetsFromConfig(
  config: BudgetsConfig,
  options: { store: Store; clock?: Pick<Clock, 'now'>; logger?: BudgetLogger },
): BudgetManager {
  return new BudgetManager({
    ...options,
    warnAt: config.warnAt,
    holdMs: config.holdMs,
    rules: config.limits ?? [],
  });
}
