import { z } from 'zod';
import { BUDGET_WINDOWS } from '../../accounting/budgets/budget-rule.js';
import { Money } from '../../accounting/money.js';
import { invalidRequest } from '../errors/gateway-http-error.js';
import { parseDate, parseLifetime } from './parse-expiry.js';
import type { KeyBudget, VirtualKeySettings } from './virtual-key.js';

const label = z.string().trim().min(1).max(200);
const positiveInt = z.number().int().positive();

/**
 * A new key's settings as the admin API receives them (snake_case JSON) and the CLI builds them
 * from flags. Unknown fields are refused: a misspelt `max_budget` must not create an unlimited key.
 */
export const keySettingsSchema = z.strictObject({
  name: label.optional(),
  models: z.array(label).optional(),
  max_budget_usd: z.union([z.number().nonnegative(), z.string()]).optional(),
  budget_window: z.enum(BUDGET_WINDOWS).optional(),
  /** More budgets, one per window, in the shape of the config's budget limits. */
  budgets: z
    .array(
      z.strictObject({
        window: z.enum(BUDGET_WINDOWS),
        limit: z.union([z.number().nonnegative(), z.string()]),
        warn_at: z.number().min(0).max(1).optional(),
      }),
    )
    .optional(),
  rpm: positiveInt.optional(),
  tpm: positiveInt.optional(),
  max_concurrent: positiveInt.optional(),
  /** A lifetime from now: `30d`, `12h`. */
  expires_in: z.string().optional(),
  /** An ISO date, or epoch milliseconds. */
  expires_at: z.union([z.string(), z.number().int().positive()]).optional(),
  user: label.optional(),
  team: label.optional(),
  tags: z.array(label).optional(),
});

export type KeySettingsInput = z.infer<typeof keySettingsSchema>;

/** The settings a store keeps; a budget or expiry that cannot be read is a 400 naming the field. */
export function settingsFromInput(input: KeySettingsInput, now: number): VirtualKeySettings {
  const settings: VirtualKeySettings = {};
  if (input.name !== undefined) settings.name = input.name;
  if (input.models !== undefined && input.models.length > 0) settings.models = input.models;
  if (input.max_budget_usd !== undefined) settings.maxBudgetUsd = readBudget(input.max_budget_usd);
  if (input.budget_window !== undefined) {
    if (settings.maxBudgetUsd === undefined)
      throw invalidRequest('budget_window needs max_budget_usd.', 'budget_window');
    settings.budgetWindow = input.budget_window;
  } else if (settings.maxBudgetUsd !== undefined) settings.budgetWindow = 'month';
  if (input.budgets !== undefined && input.budgets.length > 0)
    settings.budgets = readBudgets(input, settings);
  if (input.rpm !== undefined) settings.rpm = input.rpm;
  if (input.tpm !== undefined) settings.tpm = input.tpm;
  if (input.max_concurrent !== undefined) settings.maxConcurrent = input.max_concurrent;
  const expiresAt = readExpiry(input, now);
  if (expiresAt !== undefined) settings.expiresAt = expiresAt;
  if (input.user !== undefined) settings.user = input.user;
  if (input.team !== undefined) settings.team = input.team;
  if (input.tags !== undefined && input.tags.length > 0) settings.tags = input.tags;
  return settings;
}

function readBudget(value: number | string, param = 'max_budget_usd'): string {
  let money: Money;
  try {
    money = typeof value === 'number' ? Money.fromNumber(value) : Money.parse(value.trim());
  } catch {
    throw invalidRequest(`${param} must be a USD amount such as 10 or "12.50".`, param);
  }
  if (money.isNegative()) throw invalidRequest(`${param} must not be negative.`, param);
  return money.toString();
}

/** One budget per window: two limits for the same window would leave which one holds unclear. */
function readBudgets(input: KeySettingsInput, settings: VirtualKeySettings): KeyBudget[] {
  const windows = new Set(settings.budgetWindow === undefined ? [] : [settings.budgetWindow]);
  return (input.budgets ?? []).map((budget, index) => {
    const param = `budgets[${index}]`;
    if (windows.has(budget.window))
      throw invalidRequest(
        `${param}: a key has one budget per window; ${budget.window} is given twice.`,
        param,
      );
    windows.add(budget.window);
    const read: KeyBudget = { window: budget.window, limitUsd: readBudget(budget.limit, `${param}.limit`) };
    if (budget.warn_at !== undefined) read.warnAt = budget.warn_at;
    return read;
  });
}

function readExpiry(input: KeySettingsInput, now: number): number | undefined {
  if (input.expires_in !== undefined && input.expires_at !== undefined) {
    throw invalidRequest('Give expires_in or expires_at, not both.', 'expires_in');
  }
  let at: number | undefined;
  let param: 'expires_in' | 'expires_at';
  if (input.expires_in !== undefined) {
    param = 'expires_in';
    at = parseLifetime(input.expires_in, now);
    if (at === undefined)
      throw invalidRequest('expires_in must be a lifetime such as 30d, 12h or 2w.', param);
  } else if (input.expires_at !== undefined) {
    param = 'expires_at';
    at = typeof input.expires_at === 'number' ? input.expires_at : parseDate(input.expires_at);
    if (at === undefined) {
      throw invalidRequest(
        'expires_at must be an ISO date such as 2026-01-31, or epoch milliseconds.',
        param,
      );
    }
  } else return undefined;
  if (at <= now) throw invalidRequest(`${param} is already past: the key would never work.`, param);
  return at;
}
