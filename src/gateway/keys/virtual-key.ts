import type { BudgetWindow } from '../../accounting/budgets/budget-rule.js';

/** What a virtual key may do and who it belongs to: everything but the secret. */
export interface VirtualKeySettings {
  /** A human label (`search-team-prod`). */
  name?: string;
  /**
   * Model names the key may ask for: exact `provider/model` ids, `provider/*` globs, alias or route
   * names, or `*`. Empty or absent: every model.
   */
  models?: string[];
  /** Spend limit in USD (an exact decimal string) per `budgetWindow`. */
  maxBudgetUsd?: string;
  /** When the budget starts again from zero. Default `month`. */
  budgetWindow?: BudgetWindow;
  /** More budgets, one per window (`$1` a day and `$20` a month), each with its own warning threshold. */
  budgets?: KeyBudget[];
  /** Requests per minute. */
  rpm?: number;
  /** Tokens per minute. */
  tpm?: number;
  /** Calls in flight at once. */
  maxConcurrent?: number;
  /** Epoch ms after which the key stops working. */
  expiresAt?: number;
  /** Whose calls these are, for the ledger and budgets. */
  user?: string;
  team?: string;
  tags?: string[];
}

/** One of a key's budgets: a spend limit per window. */
export interface KeyBudget {
  window: BudgetWindow;
  /** USD, an exact decimal string. */
  limitUsd: string;
  /** Fraction of the limit (0-1) at which a warning is logged once per window. Default 0.8. */
  warnAt?: number;
}

/** A key as the admin API and the CLI show it: never the secret, never its hash. */
export interface VirtualKeyInfo extends VirtualKeySettings {
  /** Stable public id (`key_...`): names the key in the admin API, the ledger and budgets. */
  id: string;
  /** The first characters of the secret (`sk-sy-AbCdEfGh`), to recognise a key someone holds. */
  prefix: string;
  /** Epoch ms. */
  createdAt: number;
  /** Epoch ms; set once revoked, the key never works again. */
  revokedAt?: number;
}

/** What a store keeps: the public info plus the SHA-256 digest of the secret (hex). */
export interface StoredVirtualKey extends VirtualKeyInfo {
  hash: string;
}

/** Whether the key works at `now`, and if not why, as the admin API reports it. */
export function keyStatus(key: VirtualKeyInfo, now: number): 'active' | 'revoked' | 'expired' {
  if (key.revokedAt !== undefined) return 'revoked';
  if (key.expiresAt !== undefined && key.expiresAt <= now) return 'expired';
  return 'active';
}

/** The public view of a stored key: drops the digest so no listing can leak it. */
export function publicKeyInfo(stored: StoredVirtualKey): VirtualKeyInfo {
  const { hash: _hash, ...info } = stored;
  return info;
}
