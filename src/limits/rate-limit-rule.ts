/** What a rate limit is counted per. */
export type RateLimitScope = 'provider' | 'deployment' | 'key' | 'user';

export const RATE_LIMIT_SCOPES: readonly RateLimitScope[] = ['provider', 'deployment', 'key', 'user'];

/** What a call over a limit does: wait in the bounded queue, or fail at once with `rate_limited`. */
export type OnLimit = 'queue' | 'refuse';

/** Who a call is for. `key` is the API key's id or name (a gateway virtual key), never the secret. */
export interface RateLimitSubject {
  provider?: string;
  /** The deployment id the executor uses (`openai/gpt-4o`, or a configured deployment's id). */
  deployment?: string;
  key?: string;
  user?: string;
}

export interface RateLimitRule {
  id: string;
  scope: RateLimitScope;
  /** One value of the scope; without it every value gets its own limits. A rule with `match` replaces the general rule of its scope for that value. */
  match?: string;
  requestsPerMinute?: number;
  /** Reserved from the caller's estimate when the call starts, corrected to the real count when it settles. */
  tokensPerMinute?: number;
  /** Calls in flight at once. */
  maxConcurrent?: number;
  /** Overrides the limiter's default for calls this rule holds back. */
  onLimit?: OnLimit;
}

export type RateLimitRuleInput = Omit<RateLimitRule, 'id'> & { id?: string };

export function normalizeRateLimitRule(input: RateLimitRuleInput): RateLimitRule {
  for (const [name, value] of [
    ['requests_per_minute', input.requestsPerMinute],
    ['tokens_per_minute', input.tokensPerMinute],
    ['max_concurrent', input.maxConcurrent],
  ] as const) {
    if (value !== undefined && !(Number.isSafeInteger(value) && value >= 1))
      throw new RangeError(`rate limit ${name} must be a whole number of at least 1, got ${value}`);
  }
  const id = input.id ?? [input.scope, input.match].filter(Boolean).join(':');
  return { ...input, id };
}

function counted(rule: RateLimitRule, subject: RateLimitSubject): string | undefined {
  const value = subject[rule.scope];
  if (value === undefined || value === '') return undefined;
  return rule.match === undefined || rule.match === value ? value : undefined;
}

/** The rules governing a subject, each with the value it counts; a matching rule replaces the general one of its scope. */
export function rateLimitRulesFor(
  rules: readonly RateLimitRule[],
  subject: RateLimitSubject,
): Array<{ rule: RateLimitRule; value: string }> {
  const applicable = rules.flatMap((rule) => {
    const value = counted(rule, subject);
    return value === undefined ? [] : [{ rule, value }];
  });
  return applicable.filter(
    ({ rule }) =>
      rule.match !== undefined ||
      !applicable.some((other) => other.rule.match !== undefined && other.rule.scope === rule.scope),
  );
}

/** Two rules of one scope without ids (one for requests, one for tokens) must not share counters. */
export function uniqueRuleIds(rules: RateLimitRule[]): RateLimitRule[] {
  const seen = new Map<string, number>();
  return rules.map((rule) => {
    const count = (seen.get(rule.id) ?? 0) + 1;
    seen.set(rule.id, count);
    return count === 1 ? rule : { ...rule, id: `${rule.id}#${count}` };
  });
}
