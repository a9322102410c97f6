import { keyStatus, type VirtualKeyInfo } from './virtual-key.js';

const iso = (at: number | undefined) => (at === undefined ? null : new Date(at).toISOString());

/**
 * A key as the admin API and `keys list --json` print it: snake_case like the rest of the wire,
 * dates as ISO strings, and its status now. Never the secret or its digest.
 */
export function virtualKeyJson(key: VirtualKeyInfo, now: number = Date.now()) {
  return {
    id: key.id,
    object: 'virtual_key' as const,
    name: key.name ?? null,
    prefix: key.prefix,
    status: keyStatus(key, now),
    models: key.models ?? [],
    max_budget_usd: key.maxBudgetUsd ?? null,
    budget_window: key.budgetWindow ?? null,
    budgets: (key.budgets ?? []).map((budget) => ({
      window: budget.window,
      limit: budget.limitUsd,
      warn_at: budget.warnAt ?? null,
    })),
    rpm: key.rpm ?? null,
    tpm: key.tpm ?? null,
    max_concurrent: key.maxConcurrent ?? null,
    user: key.user ?? null,
    team: key.team ?? null,
    tags: key.tags ?? [],
    created_at: iso(key.createdAt),
    expires_at: iso(key.expiresAt),
    revoked_at: iso(key.revokedAt),
  };
}
