import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { MockProvider } from '../../providers/mock/mock-provider.js';
import { executeChat } from './execute-chat.js';
import { ask, chainPlan, deployment, executorHarness } from './test-harness.js';

const A = deployment('a');
const B = deployment('b');

function providers(...scripts: ConstructorParameters<typeof MockProvider>[0][]) {
  return scripts.map((script, i) => new MockProvider({ id: ['a', 'b', 'c'][i], ...script }));
}

describe('executeChat', () => {
  it('answers from the first candidate and lists the attempt', async () => {
    const [a, b] = providers({ replies: [{ text: 'from a' }] }, {});
    const { deps } = executorHarness([a!, b!]);
    const result = await executeChat(chainPlan([A, B]), ask, deps);
    expect(result).toMatchObject({ text: 'from a', provider: 'a' });
    expect(result.attempts).toEqual([
      { deploymentId: 'a/m', provider: 'a', model: 'm', outcome: 'ok', latencyMs: 0, retries: 0 },
    ]);
    expect(a!.requests[0]).toMatchObject({ model: 'm' });
    expect(b!.requests).toHaveLength(0);
  });

  it('retries a 429 after the provider hint, then succeeds on the same deployment', async () => {
    const [a] = providers({
      replies: [{ error: { status: 429, headers: { 'retry-after': '2' } } }, { text: 'ok' }],
    });
    const { clock, deps, named } = executorHarness([a!]);
    const pending = executeChat(chainPlan([A]), ask, deps);
    await clock.waitForTimers(1);
    expect(clock.pendingDelays()).toEqual([2000]);
    await clock.advance(1999);
    expect(a!.requests).toHaveLength(1);
    await clock.advance(1);
    const result = await pending;
    expect(result.text).toBe('ok');
    expect(result.attempts?.[0]).toMatchObject({ outcome: 'ok', retries: 1, latencyMs: 2000 });
    expect(named('retry')).toEqual([
      expect.objectContaining({
        deploymentId: 'a/m',
        retry: 1,
        delayMs: 2000,
        reason: 'retry-after',
        errorKind: 'rate_limited',
      }),
    ]);
  });

  it('backs off exponentially on 500 and 503, then falls back with its own budget', async () => {
    const [a, b] = providers(
      { replies: [{ error: { status: 500 } }, { error: { status: 503 } }, { error: { status: 500 } }] },
      { replies: [{ error: { status: 503 } }, { text: 'from b' }] },
    );
    const { clock, deps, named } = executorHarness([a!, b!]);
    const result = await clock.run(executeChat(chainPlan([A, B]), ask, deps));
    expect(result.text).toBe('from b');
    expect(named('retry').map((r) => [r.deploymentId, r.delayMs])).toEqual([
      ['a/m', 500],
      ['a/m', 1000],
      ['b/m', 500],
    ]);
    expect(result.attempts).toEqual([
      expect.objectContaining({
        deploymentId: 'a/m',
        outcome: 'error',
        errorKind: 'server_error',
        status: 500,
        retries: 2,
      }),
      expect.objectContaining({ deploymentId: 'b/m', outcome: 'ok', retries: 1 }),
    ]);
    expect(named('fallback')).toEqual([
      { requested: 'test-route', from: 'a/m', to: 'b/m', reason: 'server_error' },
    ]);
  });

  it('moves on at once when the retry hint is beyond the cap', async () => {
    const [a, b] = providers(
      { replies: [{ error: { status: 429, headers: { 'retry-after': '120' } } }] },
      {},
    );
    const { clock, deps } = executorHarness([a!, b!]);
    const result = await executeChat(chainPlan([A, B]), ask, deps);
    expect(result.provider).toBe('b');
    expect(clock.now()).toBe(0);
    expect(result.attempts?.[0]).toMatchObject({ errorKind: 'rate_limited', retries: 0 });
  });

  it('never retries a 400 and stops the chain on it', async () => {
    const [a, b] = providers({ replies: [{ error: { status: 400, message: 'bad tool schema' } }] }, {});
    const { deps } = executorHarness([a!, b!]);
    const error = await executeChat(chainPlan([A, B]), ask, deps).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'invalid_request',
      attempts: [{ deploymentId: 'a/m', errorKind: 'invalid_request' }],
    });
    expect(a!.requests).toHaveLength(1);
    expect(b!.requests).toHaveLength(0);
  });

  it('stops on authentication unless fallback.alsoOn says otherwise', async () => {
    const script = () => providers({ replies: [{ error: { status: 401 } }] }, {});
    const [a1, b1] = script();
    await expect(executeChat(chainPlan([A, B]), ask, executorHarness([a1!, b1!]).deps)).rejects.toMatchObject(
      {
        kind: 'authentication',
      },
    );
    const [a2, b2] = script();
    const plan = chainPlan([A, B], { fallback: { alsoOn: ['authentication'] } });
    expect((await executeChat(plan, ask, executorHarness([a2!, b2!]).deps)).provider).toBe('b');
  });

  it('on context_length_exceeded skips candidates whose window is no larger', async () => {
    const small = deployment('a', { contextWindow: 8192 });
    const same = deployment('b', { contextWindow: 8192 });
    const large = deployment('c', { contextWindow: 128_000 });
    const [a, b, c] = providers(
      { replies: [{ error: { status: 400, message: 'maximum context length is 8192 tokens' } }] },
      {},
      { replies: [{ text: 'fits' }] },
    );
    const { deps } = executorHarness([a!, b!, c!]);
    const result = await executeChat(chainPlan([small, same, large]), ask, deps);
    expect(result.text).toBe('fits');
    expect(result.attempts?.map((t) => [t.deploymentId, t.outcome, t.errorKind])).toEqual([
      ['a/m', 'error', 'context_length_exceeded'],
      ['b/m', 'skipped', 'context_length_exceeded'],
      ['c/m', 'ok', undefined],
    ]);
    expect(b!.requests).toHaveLength(0);
  });

  it('falls back on a content-filter finish only when configured', async () => {
    const refusal = { text: '', finishReason: 'content_filter' };
    const [a1, b1] = providers({ replies: [refusal] }, { replies: [{ text: 'answered' }] });
    const off = await executeChat(chainPlan([A, B]), ask, executorHarness([a1!, b1!]).deps);
    expect(off.finishReason).toBe('content_filter');

    const plan = chainPlan([A, B], { fallback: { onContentFilter: true } });
    const [a2, b2] = providers({ replies: [refusal] }, { replies: [{ text: 'answered' }] });
    const on = await executeChat(plan, ask, executorHarness([a2!, b2!]).deps);
    expect(on.text).toBe('answered');
    expect(on.attempts?.[0]).toMatchObject({ outcome: 'error', errorKind: 'content_filter' });

    // When every candidate refuses, the last refusal is the answer.
    const [a3, b3] = providers({ replies: [refusal] }, { replies: [refusal] });
    const all = await executeChat(plan, ask, executorHarness([a3!, b3!]).deps);
    expect(all).toMatchObject({ provider: 'b', finishReason: 'content_filter' });
  });

  it('fails with all_candidates_failed listing every attempt, the last error as cause', async () => {
    const [a, b] = providers(
      { defaultReply: { error: { status: 503 } } },
      { defaultReply: { error: { status: 429, headers: { 'retry-after': '600' } } } },
    );
    const { clock, deps } = executorHarness([a!, b!]);
    const error = await clock.run(executeChat(chainPlan([A, B]), ask, deps)).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'all_candidates_failed',
      message: expect.stringContaining('a/m overloaded 503 after 2 retries; b/m rate_limited 429'),
      cause: { kind: 'rate_limited' },
    });
    expect((error as { attempts: unknown[] }).attempts).toHaveLength(2);
    expect(a!.requests).toHaveLength(3);
  });

  it('fails the same way for a plan with no candidates', async () => {
    const { deps } = executorHarness([]);
    await expect(executeChat(chainPlan([]), ask, deps)).rejects.toMatchObject({
      kind: 'all_candidates_failed',
      message: expect.stringContaining('no candidates'),
    });
  });

  it('moves past a provider the host cannot build, whatever it threw', async () => {
    const { deps } = executorHarness([new MockProvider({ id: 'b' })]);
    const getProvider = deps.getProvider;
    deps.getProvider = (id) => {
      if (id === 'nokey')
        throw new SwitchyardError({
          kind: 'authentication',
          message: 'nokey: no API key (set NOKEY_API_KEY)',
        });
      return getProvider(id);
    };
    const result = await executeChat(chainPlan([deployment('nokey'), B]), ask, deps);
    expect(result.provider).toBe('b');
    expect(result.attempts?.[0]).toMatchObject({
      errorKind: 'authentication',
      message: expect.stringContaining('NOKEY_API_KEY'),
    });
  });

  it('moves past a provider the host cannot build', async () => {
    const { deps } = executorHarness([new MockProvider({ id: 'b', replies: [{ text: 'b' }] })]);
    const result = await executeChat(chainPlan([deployment('missing'), B]), ask, deps);
    expect(result.provider).toBe('b');
    expect(result.attempts?.[0]).toMatchObject({
      deploymentId: 'missing/m',
      outcome: 'error',
      errorKind: 'not_found',
      message: 'missing: no provider missing',
    });
  });
});
