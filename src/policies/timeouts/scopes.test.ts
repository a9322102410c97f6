import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../core/errors/switchyard-error.js';
import { sleep } from '../clock.js';
import { ManualClock } from '../manual-clock.js';
import { AbortRacer, raceAbort } from './abort-link.js';
import { AttemptScope } from './attempt-scope.js';
import { CallScope } from './call-scope.js';

const target = { provider: 'openai', model: 'gpt-4o' };

function scopes(timeouts: ConstructorParameters<typeof AttemptScope>[0]['timeouts'], totalMs?: number) {
  const clock = new ManualClock();
  const caller = new AbortController();
  const call = new CallScope({ clock, signal: caller.signal, totalMs });
  const attempt = new AttemptScope({ parent: call.signal, clock, timeouts, ...target });
  return { clock, caller, call, attempt };
}

describe('AttemptScope', () => {
  it('fires the attempt timeout and aborts the request signal', async () => {
    const { clock, attempt } = scopes({ attemptMs: 1000 });
    await clock.advance(999);
    expect(attempt.signal.aborted).toBe(false);
    await clock.advance(1);
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.errorFor(new Error('socket closed'))).toMatchObject({
      kind: 'timeout',
      timeout: 'attempt',
      provider: 'openai',
      retryable: true,
    });
  });

  it('fires first-token until content arrives, then idle only while waiting on the provider', async () => {
    const { clock, attempt } = scopes({ firstTokenMs: 500, idleMs: 200 });
    attempt.awaitFirstToken();
    attempt.waitingForEvent();
    await clock.advance(150);
    attempt.eventArrived();
    attempt.firstTokenArrived();
    // The caller holds the event for a long time: that is not provider silence.
    await clock.advance(10_000);
    expect(attempt.aborted).toBe(false);
    attempt.waitingForEvent();
    await clock.advance(199);
    expect(attempt.aborted).toBe(false);
    await clock.advance(1);
    expect(attempt.reason).toMatchObject({ kind: 'timeout', timeout: 'idle' });
  });

  it('names the first-token timeout when no content comes', async () => {
    const { clock, attempt } = scopes({ firstTokenMs: 500 });
    attempt.awaitFirstToken();
    await clock.advance(500);
    expect(attempt.reason).toMatchObject({
      timeout: 'first-token',
      message: expect.stringContaining('500 ms'),
    });
  });

  it('reports the total deadline, which neither retries nor falls back', async () => {
    const { clock, call, attempt } = scopes({ attemptMs: 5000 }, 300);
    expect(call.msLeft()).toBe(300);
    await clock.advance(300);
    expect(attempt.errorFor(new Error('x'))).toMatchObject({
      kind: 'timeout',
      timeout: 'total',
      retryable: false,
      fallbackable: false,
    });
  });

  it('reports a caller abort as aborted, whatever reason the caller gave', () => {
    const { caller, attempt } = scopes({});
    caller.abort(new Error('user pressed ctrl-c'));
    expect(attempt.errorFor(new Error('x'))).toMatchObject({ kind: 'aborted' });
  });

  it('passes provider errors through and classifies foreign ones', () => {
    const { attempt } = scopes({});
    const error = new SwitchyardError({ kind: 'overloaded', status: 529, message: 'busy' });
    expect(attempt.errorFor(error)).toBe(error);
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(attempt.errorFor(refused)).toMatchObject({ kind: 'network', provider: 'openai' });
  });

  it('disposes every timer', async () => {
    const { clock, call, attempt } = scopes({ attemptMs: 10, firstTokenMs: 10, idleMs: 10 }, 10);
    attempt.awaitFirstToken();
    attempt.waitingForEvent();
    attempt.dispose();
    call.dispose();
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('raceAbort and sleep', () => {
  it('rejects a hanging promise the moment the signal aborts', async () => {
    const { caller, attempt } = scopes({});
    const hanging = raceAbort(new Promise(() => {}), attempt.signal);
    caller.abort();
    await expect(hanging).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('cuts a retry wait short on abort', async () => {
    const { clock, caller, call } = scopes({});
    const wait = sleep(clock, 60_000, call.signal);
    caller.abort();
    await expect(wait).rejects.toMatchObject({ kind: 'aborted' });
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('AbortRacer', () => {
  it('passes each race through in turn, rejects the one running and every later one on abort, and leaves no listener', async () => {
    const controller = new AbortController();
    let listeners = 0;
    const { signal } = controller;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      listeners++;
      add(...args);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      listeners--;
      remove(...args);
    }) as typeof signal.removeEventListener;

    const racer = new AbortRacer(signal);
    expect(await racer.race(Promise.resolve('a'))).toBe('a');
    await expect(racer.race(Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await racer.race(Promise.resolve('b'))).toBe('b');
    // One listener for the whole loop, not one per race.
    expect(listeners).toBe(1);

    const pending = racer.race(new Promise<string>(() => {}));
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow();
    await expect(racer.race(Promise.resolve('late'))).rejects.toThrow();
    racer.dispose();
    expect(listeners).toBe(0);
  });

  it('rejects a race whose promise settles after the abort, with the abort', async () => {
    const controller = new AbortController();
    const racer = new AbortRacer(controller.signal);
    let settle!: (value: string) => void;
    const raced = racer.race(new Promise<string>((resolve) => (settle = resolve)));
    controller.abort();
    settle('too late');
    await expect(raced).rejects.toMatchObject({ kind: 'aborted' });
    racer.dispose();
  });
});
