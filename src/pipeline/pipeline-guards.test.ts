import { describe, expect, it } from 'vitest';
import { Money } from '../accounting/money.js';
import { isSwitchyardError } from '../core/errors/switchyard-error.js';
import type { ChatRequest } from '../core/types/chat-request.js';
import { hi, testClient } from './pipeline-test-client.js';

describe('budgets and rate limits hold before any provider is called', () => {
  it('200 concurrent calls never spend past a budget; refusals are budget_exceeded and unsent', async () => {
    const limit = '0.02';
    // Real costs vary call to call; every call reserves its worst case (1000 output tokens).
    const replies = Array.from({ length: 200 }, (_, i) => ({
      text: 'ok',
      usage: { inputTokens: 8, outputTokens: 1 + ((i * 397) % 1000) },
    }));
    const { sy, ledger, providers } = testClient(
      { budgets: { limits: [{ scope: 'global', window: 'total', limit }] } },
      { openai: replies },
    );
    const outcomes = await Promise.allSettled(
      Array.from({ length: 200 }, () =>
        sy.chat({ model: 'openai/gpt-4o-mini', messages: hi, maxOutputTokens: 1000 }),
      ),
    );
    const answered = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(answered.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const error of refused) {
      expect(isSwitchyardError(error) && error.kind).toBe('budget_exceeded');
    }
    // A refused call never reached the provider.
    expect(providers.openai.requests).toHaveLength(answered.length);
    const rows = await ledger.query();
    expect(rows).toHaveLength(200);
    const spent = Money.sum(rows.map((row) => Money.parse(row.cost)));
    expect(spent.compare(Money.parse(limit))).toBeLessThanOrEqual(0);
    expect(rows.filter((row) => row.errorKind === 'budget_exceeded')).toHaveLength(refused.length);
  });

  it('a rate limit refuses with rate_limited and a retry-after, without calling the provider', async () => {
    const { sy, providers } = testClient({
      rate_limits: {
        on_limit: 'refuse',
        limits: [{ scope: 'provider', match: 'openai', requests_per_minute: 2 }],
      },
    });
    await sy.chat({ model: 'openai/gpt-4o-mini', messages: hi });
    await sy.chat({ model: 'openai/gpt-4o-mini', messages: hi });
    const error = await sy.chat({ model: 'openai/gpt-4o-mini', messages: hi }).catch((e: unknown) => e);
    expect(isSwitchyardError(error) && error.kind).toBe('rate_limited');
    expect(isSwitchyardError(error) && error.retryAfterMs).toBeGreaterThan(0);
    expect(providers.openai.requests).toHaveLength(2);
    // A stream refused the same way ends in an error event.
    const events = [];
    for await (const event of sy.stream({ model: 'openai/gpt-4o-mini', messages: hi })) events.push(event);
    expect(events.map((e) => (e.type === 'error' ? e.error.kind : e.type))).toEqual(['rate_limited']);
    expect(providers.openai.requests).toHaveLength(2);
  });
});

describe('pre-flight context check per candidate', () => {
  const long = [{ role: 'user' as const, content: 'word '.repeat(200) }];

  it('refuses a prompt too large for the only candidate before sending it', async () => {
    const { sy, providers, ledger } = testClient();
    const error = await sy.chat({ model: 'small/tiny', messages: long }).catch((e: unknown) => e);
    expect(isSwitchyardError(error) && error.attempts?.[0]).toMatchObject({
      outcome: 'skipped',
      errorKind: 'context_length_exceeded',
    });
    expect(providers.small.requests).toHaveLength(0);
    const [row] = await ledger.query();
    expect(row).toMatchObject({ outcome: 'error', cost: '0' });
  });

  it('moves an oversized prompt to a larger-window candidate; a small one stays on the first', async () => {
    const { sy, providers } = testClient({ tasks: { long: ['small/tiny', 'big/large'] } });
    const result = await sy.chat({ task: 'long', messages: long });
    expect(result.provider).toBe('big');
    expect(result.attempts!.map((a) => [a.deploymentId, a.outcome, a.errorKind])).toEqual([
      ['small/tiny', 'skipped', 'context_length_exceeded'],
      ['big/large', 'ok', undefined],
    ]);
    expect(providers.small.requests).toHaveLength(0);
    expect((providers.big.requests[0] as ChatRequest).model).toBe('large');
    const short = await sy.chat({ task: 'long', messages: hi });
    expect(short.provider).toBe('small');
  });
});
