import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../config/parse-config.js';
import { SwitchyardError } from '../core/errors/switchyard-error.js';
import type { HealthReport } from '../core/types/chat-result.js';
import { MockProvider } from '../providers/mock/mock-provider.js';
import { HealthMonitor, type IntervalTimers, type ProviderSource } from './health-monitor.js';
import type { CircuitStatus } from './health-status.js';

/** A provider whose health answer the test sets. */
class ScriptedProvider extends MockProvider {
  calls = 0;
  answer: () => Promise<HealthReport> = async () => ({
    provider: this.id,
    status: 'healthy',
    latencyMs: 7,
    checkedAt: '2026-11-21T00:00:00.000Z',
  });
  override health(): Promise<HealthReport> {
    this.calls++;
    return this.answer();
  }
}

function source(...providers: ScriptedProvider[]): ProviderSource {
  const byId = new Map(providers.map((p) => [p.id, p]));
  return {
    ids: () => [...byId.keys()],
    get: (id) => byId.get(id),
    statuses: () => [{ id: 'anthropic', configured: false, reason: 'no API key: set ANTHROPIC_API_KEY' }],
  };
}

/** Timers the test fires by hand. */
class ManualTimers implements IntervalTimers {
  callback: (() => void) | undefined;
  interval: number | undefined;
  cleared = 0;
  setInterval(callback: () => void, ms: number) {
    this.callback = callback;
    this.interval = ms;
    return 1;
  }
  clearInterval() {
    this.cleared++;
    this.callback = undefined;
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('HealthMonitor', () => {
  it('checks every provider and reports required ones that are down with exit code 1', async () => {
    const openai = new ScriptedProvider({ id: 'openai' });
    const groq = new ScriptedProvider({ id: 'groq' });
    groq.answer = async () => {
      throw new SwitchyardError({
        kind: 'network',
        provider: 'groq',
        message: 'connect ECONNREFUSED 127.0.0.1:9',
      });
    };
    const monitor = new HealthMonitor({
      providers: source(openai, groq),
      requiredProviders: ['openai', 'anthropic'],
    });
    const snapshot = await monitor.check();
    expect(snapshot.providers.map((p) => [p.provider, p.status, p.reason, p.required])).toEqual([
      ['anthropic', 'down', 'not configured: no API key: set ANTHROPIC_API_KEY', true],
      ['groq', 'down', 'health check failed: network: connect ECONNREFUSED 127.0.0.1:9', false],
      ['openai', 'healthy', 'health check passed in 7 ms', true],
    ]);
    expect(snapshot).toMatchObject({ status: 'down', requiredDown: ['anthropic'], exitCode: 1 });
    expect(typeof snapshot.checkedAt).toBe('string');
  });

  it('is degraded but exits 0 when only optional providers are unwell', async () => {
    const openai = new ScriptedProvider({ id: 'openai' });
    openai.answer = async () => ({
      provider: 'openai',
      status: 'down',
      latencyMs: 3,
      checkedAt: 'x',
      error: { kind: 'server_error', message: '500' },
    });
    const monitor = new HealthMonitor({ providers: source(openai, new ScriptedProvider({ id: 'mock' })) });
    const snapshot = await monitor.check();
    expect(snapshot).toMatchObject({ status: 'degraded', requiredDown: [], exitCode: 0 });
  });

  it('combines breaker state of known and seen deployments with the recent error rate', async () => {
    let now = 1_000_000;
    const states = new Map<string, CircuitStatus>([['openai/gpt-4o', 'open']]);
    const openai = new ScriptedProvider({ id: 'openai' });
    const monitor = new HealthMonitor({
      providers: source(openai),
      breaker: { status: (id) => states.get(id) ?? 'closed' },
      deployments: () => [
        { id: 'openai/gpt-4o', provider: 'openai' },
        { id: 'anthropic/claude-sonnet-4-5', provider: 'anthropic' },
      ],
      now: () => now,
      windowMs: 60_000,
      minimumCalls: 4,
    });
    monitor.recordAttempt({ provider: 'openai', deploymentId: 'openai/gpt-4o-mini', outcome: 'ok' });
    let openaiHealth = monitor.snapshot().providers.find((p) => p.provider === 'openai')!;
    expect(openaiHealth.circuits).toEqual([
      { deploymentId: 'openai/gpt-4o', status: 'open' },
      { deploymentId: 'openai/gpt-4o-mini', status: 'closed' },
    ]);
    expect(openaiHealth.status).toBe('degraded');

    states.set('openai/gpt-4o-mini', 'open');
    expect(monitor.snapshot().providers[0]!.reason).toBe(
      'circuit open for openai/gpt-4o, openai/gpt-4o-mini',
    );

    states.clear();
    for (const errorKind of ['rate_limited', 'server_error', 'invalid_request']) {
      monitor.recordAttempt({ provider: 'openai', outcome: 'error', errorKind });
    }
    monitor.recordAttempt({ provider: 'openai', outcome: 'error', errorKind: 'aborted' });
    openaiHealth = monitor.snapshot().providers[0]!;
    expect(openaiHealth.recent).toEqual({ calls: 4, failures: 2 });
    expect(openaiHealth.reason).toBe('error rate 50% over the last 4 calls');

    now += 61_000;
    expect(monitor.snapshot().providers[0]!.recent).toEqual({ calls: 0, failures: 0 });
  });

  it('checks on start and on every interval, reports changes, and stops', async () => {
    const timers = new ManualTimers();
    const openai = new ScriptedProvider({ id: 'openai' });
    const changes: string[] = [];
    const monitor = new HealthMonitor({
      providers: source(openai),
      timers,
      intervalMs: 15_000,
      onChange: (health, previous) =>
        changes.push(`${health.provider}: ${previous ?? 'none'} -> ${health.status}`),
    });
    monitor.start();
    monitor.start();
    expect(monitor.running).toBe(true);
    expect(timers.interval).toBe(15_000);
    await vi.waitFor(() => expect(changes).toEqual(['openai: none -> healthy']));
    expect(openai.calls).toBe(1);

    openai.answer = async () => ({
      provider: 'openai',
      status: 'down',
      latencyMs: 1,
      checkedAt: 'x',
      error: { kind: 'overloaded', message: '529' },
    });
    timers.callback!();
    await vi.waitFor(() => expect(changes).toEqual(['openai: none -> healthy', 'openai: healthy -> down']));
    expect(openai.calls).toBe(2);

    monitor.stop();
    expect(monitor.running).toBe(false);
    expect(timers.cleared).toBe(1);
    expect(timers.callback).toBeUndefined();
  });

  it('unrefs its default timer so it never keeps the process alive', () => {
    const unref = vi.fn();
    const spy = vi.spyOn(globalThis, 'setInterval').mockReturnValue({ unref } as unknown as NodeJS.Timeout);
    const monitor = new HealthMonitor({ providers: source(new ScriptedProvider({ id: 'openai' })) });
    monitor.start();
    expect(spy).toHaveBeenCalledWith(expect.any(Function), 60_000);
    expect(unref).toHaveBeenCalledOnce();
    spy.mockRestore();
    monitor.stop();
    expect(monitor.running).toBe(false);
  });

  it('marks a provider that does not answer within the limit as down', async () => {
    vi.useFakeTimers();
    const slow = new ScriptedProvider({ id: 'slow' });
    slow.answer = () => new Promise(() => undefined);
    const monitor = new HealthMonitor({ providers: source(slow), timeoutMs: 2_000 });
    const pending = monitor.check();
    await vi.advanceTimersByTimeAsync(2_000);
    const snapshot = await pending;
    expect(snapshot.providers[0]!.reason).toBe('health check failed: timeout: no answer within 2000 ms');
  });

  it('takes the health section of the config as its options', () => {
    const config = parseConfig(
      { health: { interval: 30, timeout_ms: '5s', required_providers: ['openai'] } },
      { env: {} },
    );
    const timers = new ManualTimers();
    const monitor = new HealthMonitor({
      ...config.health,
      providers: source(new ScriptedProvider({ id: 'openai' })),
      timers,
    });
    monitor.start();
    expect(timers.interval).toBe(30_000);
    monitor.stop();
    expect(monitor.snapshot().providers.find((p) => p.provider === 'openai')?.required).toBe(true);
  });
});
