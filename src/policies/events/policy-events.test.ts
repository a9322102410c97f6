import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { logPolicyEvents } from './log-policy-events.js';
import { type FallbackEvent, PolicyEvents } from './policy-events.js';

const target = { requested: 'smart', deploymentId: 'openai/gpt-4o', provider: 'openai', model: 'gpt-4o' };

describe('PolicyEvents', () => {
  it('delivers typed events to listeners until they unsubscribe', () => {
    const events = new PolicyEvents();
    const seen: FallbackEvent[] = [];
    const stop = events.on('fallback', (event) => seen.push(event));
    events.emit('fallback', { requested: 'smart', from: 'a', to: 'b', reason: 'rate_limited' });
    stop();
    events.emit('fallback', { requested: 'smart', from: 'b', reason: 'overloaded' });
    expect(seen).toEqual([{ requested: 'smart', from: 'a', to: 'b', reason: 'rate_limited' }]);
    expect(events.listens('fallback')).toBe(false);
  });

  it('keeps a throwing listener from breaking the emitter or other listeners', () => {
    const errors: unknown[] = [];
    const events = new PolicyEvents({ onListenerError: (error) => errors.push(error) });
    let delivered = 0;
    events.on('hedge', () => {
      throw new Error('listener bug');
    });
    events.on('hedge', () => delivered++);
    expect(() => events.emit('hedge', { requested: 'x', phase: 'started', deploymentId: 'd' })).not.toThrow();
    expect(delivered).toBe(1);
    expect(errors).toHaveLength(1);
  });
});

describe('logPolicyEvents', () => {
  function capture() {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    return { lines, logger: pino({ level: 'debug' }, sink) };
  }

  it('logs each event at its level through a real pino logger', async () => {
    const { lines, logger } = capture();
    const events = new PolicyEvents();
    logPolicyEvents(events, logger);
    events.emit('retry', { ...target, retry: 1, delayMs: 500, reason: 'backoff', errorKind: 'overloaded' });
    events.emit('breaker-state', { deploymentId: 'openai/gpt-4o', from: 'closed', to: 'open', reason: 'x' });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.map((l) => [l.level, l.event])).toEqual([
      [30, 'retry'],
      [40, 'breaker-state'],
    ]);
    expect(lines[0]).toMatchObject({ deploymentId: 'openai/gpt-4o', delayMs: 500, msg: 'switchyard retry' });
  });

  it('never logs a secret, even when a provider echoed the key in its message', async () => {
    const { lines, logger } = capture();
    const events = new PolicyEvents();
    const key = 'sk-proj-abcdefghijklmnop1234';
    const customKey = 'my-internal-gateway-key-42';
    logPolicyEvents(events, logger, { secrets: [customKey] });
    const error = new SwitchyardError({
      kind: 'authentication',
      message: `Incorrect API key provided: ${key} (also ${customKey})`,
      cause: { headers: { authorization: `Bearer ${key}` } },
    });
    events.emit('attempt-end', {
      ...target,
      retry: 0,
      outcome: 'error',
      latencyMs: 3,
      errorKind: error.kind,
      error,
    });
    await new Promise((resolve) => setImmediate(resolve));
    const text = JSON.stringify(lines);
    expect(text).not.toContain(key);
    expect(text).not.toContain(customKey);
    expect(text).not.toContain('authorization');
    expect(lines[0]).toMatchObject({
      errorKind: 'authentication',
      errorMessage: expect.stringContaining('[REDACTED]'),
    });
  });
});
