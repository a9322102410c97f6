import { describe, expect, it } from 'vitest';
import { budgetsFromConfig } from '../accounting/budgets/budgets-from-config.js';
import { rateLimiterFromConfig } from '../limits/rate-limiter-from-config.js';
import { ManualClock } from '../policies/manual-clock.js';
import { MemoryStore } from '../store/memory-store.js';
import { parseConfig } from './parse-config.js';
import { parseConfigText } from './parse-config-text.js';

const yaml = `
budgets:
  warn_at: 0.5
  hold: 30
  limits:
    - { scope: global, limit: "0.1" }
    - { scope: user, match: alice, window: day, limit: 0.3, warn-at: 0.9 }
rate_limits:
  on_limit: refuse
  queue: { max_length: 5, max_wait: 2 }
  upstream: { enabled: false }
  limits:
    - { scope: provider, requests_per_minute: 2, id: rpm }
`;

function parse(text: string) {
  return parseConfig(parseConfigText(text, 'yaml', 'switchyard.yaml'), {
    env: {},
    source: 'switchyard.yaml',
  });
}

describe('budgets and rate_limits config', () => {
  it('reads both sections in canonical form, amounts as exact decimal strings', () => {
    const config = parse(yaml);
    expect(config.budgets).toEqual({
      warnAt: 0.5,
      holdMs: 30_000,
      limits: [
        { scope: 'global', limit: '0.1' },
        { scope: 'user', match: 'alice', window: 'day', limit: '0.3', warnAt: 0.9 },
      ],
    });
    expect(config.rateLimits).toEqual({
      onLimit: 'refuse',
      queue: { maxLength: 5, maxWaitMs: 2000 },
      upstream: { enabled: false },
      limits: [{ scope: 'provider', requestsPerMinute: 2, id: 'rpm' }],
    });
    expect(parse('version: 1').budgets).toEqual({});
  });

  it('builds a budget manager and a rate limiter that enforce them', async () => {
    const config = parse(yaml);
    const clock = new ManualClock(Date.UTC(2025, 0, 1));
    const store = new MemoryStore({ clock });
    const budgets = budgetsFromConfig(config.budgets, { store, clock });
    expect(budgets.rules.map((rule) => [rule.id, rule.warnAt])).toEqual([
      ['global:month', 0.5],
      ['user:alice:day', 0.9],
    ]);
    await expect(budgets.reserve({ user: 'bob' }, '0.11')).rejects.toMatchObject({ kind: 'budget_exceeded' });
    const limiter = rateLimiterFromConfig(config.rateLimits, { store, clock });
    expect(limiter.upstream).toBeUndefined();
    await limiter.acquire({ provider: 'p' });
    await limiter.acquire({ provider: 'p' });
    await expect(limiter.acquire({ provider: 'p' })).rejects.toMatchObject({ kind: 'rate_limited' });
  });

  it('names each mistake with its path', () => {
    const bad = `
budgets:
  limits:
    - { scope: galaxy, limit: -1 }
    - { scope: user, limit: "1.0000000000001" }
rate_limits:
  limits:
    - { scope: user }
    - { scope: key, requests_per_minute: 0 }
`;
    expect(() => parse(bad)).toThrowError(
      /budgets\.limits\[0]\.scope: expected one of global, key, user, team, task, provider/,
    );
    const message = (() => {
      try {
        parse(bad);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toContain(
      'budgets.limits[0].limit: expected an amount in USD: a number or a decimal string such as "12.50", got a negative amount',
    );
    expect(message).toContain(
      'budgets.limits[1].limit: expected an amount in USD: a number or a decimal string such as "12.50", got more than 12 decimal places',
    );
    expect(message).toContain(
      'rate_limits.limits[0]: sets no limit; expected requests_per_minute, tokens_per_minute or max_concurrent',
    );
    expect(message).toContain('rate_limits.limits[1].requests_per_minute');
  });
});
