import type { ReserveItem } from '../store/store.js';
import { windowKey } from '../store/time-window.js';
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
}

/** Pure: the reservation items for a subject at `now` (minute windows are part of the keys). */
export function planRateLimit(
  rules: readonly RateLimitRule[],
  subject: RateLimitSubject,
  tokens: number,
  now: number,
  upstream: boolean,
): RateLimitPlan {
  const plan: RateLimitPlan = { subject, tokens, items: [], meta: [], contention: [] };
  for (const { rule, base } of governing(rules, subject)) {
    plan.contention.push(base);
    if (rule.requestsPerMinute !== undefined) {
      plan.items.push({
        ...windowKey(`${base}:requests`, 'minute', now),
        amount: 1,
        limit: rule.requestsPerMinute,
      });
      plan.meta.push({ rule, reason: 'requests' });
    }
    if (rule.tokensPerMinute !== undefined) {
      // An estimate above the whole limit could never fit; it waits for an empty window instead.
      const amount = Math.min(tokens, rule.tokensPerMinute);
      plan.items.push({ ...windowKey(`${base}:tokens`, 'minute', now), amount, limit: rule.tokensPerMinute });
      plan.meta.push({ rule, reason: 'tokens' });
    }
    if (rule.maxConcurrent !== undefined) {
      plan.items.push({ key: `${base}:concurrent`, amount: 1, limit: rule.maxConcurrent });
      plan.meta.push({ rule, reason: 'concurrency' });
    }
  }
  if (subject.deployment !== undefined && upstream) plan.contention.push(`upstream:${subject.deployment}`);
  return plan;
}

/**
 * The rules governing a subject with their counter bases, remembered per rule set and subject:
 * matching the rules and encoding the names was most of a call's rate-limit cost, and a process
 * sees few distinct subjects. Bounded: a rule set forgets its subjects past 10,000 of them.
 */
const governingCache = new WeakMap<
  readonly RateLimitRule[],
  Map<string, Array<{ rule: RateLimitRule; base: string }>>
>();

function governing(rules: readonly RateLimitRule[], subject: RateLimitSubject) {
  let bySubject = governingCache.get(rules);
  if (!bySubject) {
    bySubject = new Map();
    governingCache.set(rules, bySubject);
  }
  const id = `${subject.provider ?? ''}\u0000${subject.deployment ?? ''}\u0000${subject.key ?? ''}\u0000${subject.user ?? ''}`;
  let found = bySubject.get(id);
  if (!found) {
    found = rateLimitRulesFor(rules, subject).map(({ rule, value }) => ({
      rule,
      base: `ratelimit:${rule.id}:${encodeURIComponent(value)}`,
    }));
    if (bySubject.size >= 10_000) bySubject.clear();
    bySubject.set(id, found);
  }
  return found;
}
