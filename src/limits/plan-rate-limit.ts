import type { ReserveItem } from '../store/store.js';
import { WindowedKey } from '../store/time-window.js';
import { type RateLimitRule, type RateLimitSubject, rateLimitRulesFor } from './rate-limit-rule.js';

/** What one call must reserve in the store, and which counters it competes for. */
export interface RateLimitPlan {
  subject: RateLimitSubject;
  tokens: number;
  items: ReserveItem[];
  /** Per item: the rule and what it counts. */
  meta: Array<{ rule: RateLimitRule; reason: 'requests' | 'tokens' | 'concurrency' }>;
  /** Counters this call competes for; calls sharing one keep their arrival order. */
  contention: string[];
  /** Epoch ms from which the plan's minute keys are stale and it must be made again. */
  validUntil: number;
}

/** Pure: the reservation items for a subject at `now` (minute windows are part of the keys). */
export function planRateLimit(
  rules: readonly RateLimitRule[],
  subject: RateLimitSubject,
  tokens: number,
  now: number,
  upstream: boolean,
): RateLimitPlan {
  const plan: RateLimitPlan = {
    subject,
    tokens,
    items: [],
    meta: [],
    contention: [],
    validUntil: Number.POSITIVE_INFINITY,
  };
  for (const governed of governing(rules, subject)) {
    const { rule } = governed;
    plan.contention.push(governed.base);
    if (rule.requestsPerMinute !== undefined) {
      const { key, expiresAt } = governed.requests.at(now);
      plan.items.push({ key, expiresAt, amount: 1, limit: rule.requestsPerMinute });
      plan.validUntil = Math.min(plan.validUntil, expiresAt ?? Number.POSITIVE_INFINITY);
      plan.meta.push(governed.requestsMeta);
    }
    if (rule.tokensPerMinute !== undefined) {
      // An estimate above the whole limit could never fit; it waits for an empty window instead.
      const amount = Math.min(tokens, rule.tokensPerMinute);
      const { key, expiresAt } = governed.tokens.at(now);
      plan.items.push({ key, expiresAt, amount, limit: rule.tokensPerMinute });
      plan.validUntil = Math.min(plan.validUntil, expiresAt ?? Number.POSITIVE_INFINITY);
      plan.meta.push(governed.tokensMeta);
    }
    if (rule.maxConcurrent !== undefined) {
      plan.items.push({ key: governed.concurrentKey, amount: 1, limit: rule.maxConcurrent });
      plan.meta.push(governed.concurrencyMeta);
    }
  }
  if (subject.deployment !== undefined && upstream) plan.contention.push(`upstream:${subject.deployment}`);
  return plan;
}

/** One rule governing a subject: its counter names, built once (minute keys once a minute). */
interface Governed {
  rule: RateLimitRule;
  base: string;
  requests: WindowedKey;
  tokens: WindowedKey;
  concurrentKey: string;
  requestsMeta: RateLimitPlan['meta'][number];
  tokensMeta: RateLimitPlan['meta'][number];
  concurrencyMeta: RateLimitPlan['meta'][number];
}

/**
 * The rules governing a subject with their counter bases, remembered per rule set and subject:
 * matching the rules and encoding the names was most of a call's rate-limit cost, and a process
 * sees few distinct subjects. Bounded: a rule set forgets its subjects past 10,000 of them.
 */
const governingCache = new WeakMap<readonly RateLimitRule[], Map<string, Governed[]>>();

function governing(rules: readonly RateLimitRule[], subject: RateLimitSubject): Governed[] {
  let bySubject = governingCache.get(rules);
  if (!bySubject) {
    bySubject = new Map();
    governingCache.set(rules, bySubject);
  }
  const id = `${subject.provider ?? ''}\u0000${subject.deployment ?? ''}\u0000${subject.key ?? ''}\u0000${subject.user ?? ''}`;
  let found = bySubject.get(id);
  if (!found) {
    found = rateLimitRulesFor(rules, subject).map(({ rule, value }) => {
      const base = `ratelimit:${rule.id}:${encodeURIComponent(value)}`;
      return {
        rule,
        base,
        requests: new WindowedKey(`${base}:requests`, 'minute'),
        tokens: new WindowedKey(`${base}:tokens`, 'minute'),
        concurrentKey: `${base}:concurrent`,
        requestsMeta: { rule, reason: 'requests' as const },
        tokensMeta: { rule, reason: 'tokens' as const },
        concurrencyMeta: { rule, reason: 'concurrency' as const },
      };
    });
    if (bySubject.size >= 10_000) bySubject.clear();
    bySubject.set(id, found);
  }
  return found;
}
