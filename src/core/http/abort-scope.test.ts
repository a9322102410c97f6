import { describe, expect, it, vi } from 'vitest';
import { AbortScope } from './abort-scope.js';

describe('AbortScope', () => {
  it('without a timeout passes the caller signal through and reports the caller when it fires', () => {
    const caller = new AbortController();
    const scope = new AbortScope(caller.signal);
    expect(scope.signal).toBe(caller.signal);
    expect(scope.firedBy).toBeUndefined();
    caller.abort();
    expect(scope.firedBy).toBe('caller');
    scope.dispose();
  });

  it('with nothing to follow and no timeout gives no signal at all', () => {
    expect(new AbortScope().signal).toBeUndefined();
    expect(new AbortScope(undefined, 0).firedBy).toBeUndefined();
  });

  it('with a timeout fires by itself and says so; dispose clears the timer', () => {
    vi.useFakeTimers();
    try {
      const fired = new AbortScope(undefined, 50);
      vi.advanceTimersByTime(50);
      expect(fired.signal?.aborted).toBe(true);
      expect(fired.firedBy).toBe('timeout');

      const disposed = new AbortScope(undefined, 50);
      disposed.dispose();
      vi.advanceTimersByTime(100);
      expect(disposed.signal?.aborted).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('with a timeout still follows the caller, and stops listening once disposed', () => {
    const caller = new AbortController();
    const scope = new AbortScope(caller.signal, 60_000);
    expect(scope.signal).not.toBe(caller.signal);
    caller.abort(new Error('user left'));
    expect(scope.signal?.aborted).toBe(true);
    expect(scope.firedBy).toBe('caller');
    scope.dispose();

    const later = new AbortController();
    const quiet = new AbortScope(later.signal, 60_000);
    quiet.dispose();
    later.abort();
    expect(quiet.signal?.aborted).toBe(false);
  });

  it('starts aborted when the caller already was', () => {
    const caller = new AbortController();
    caller.abort();
    const scope = new AbortScope(caller.signal, 1000);
    expect(scope.signal?.aborted).toBe(true);
    expect(scope.firedBy).toBe('caller');
  });
});
