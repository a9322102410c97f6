import { describe, expect, it } from 'vitest';
import { RecentOutcomes } from './recent-outcomes.js';

function outcomes(windowMs = 1000) {
  const clock = { now: 0 };
  const recent = new RecentOutcomes({ windowMs, now: () => clock.now });
  return { recent, clock };
}

describe('RecentOutcomes', () => {
  it('counts calls and unhealthy failures per provider; a caller error is an answer, an abort is nothing', () => {
    const { recent } = outcomes();
    recent.record({ provider: 'a', outcome: 'ok' });
    recent.record({ provider: 'a', outcome: 'error', errorKind: 'server_error' });
    recent.record({ provider: 'a', outcome: 'error', errorKind: 'invalid_request' });
    recent.record({ provider: 'a', outcome: 'error', errorKind: 'aborted' });
    recent.record({ provider: 'a', outcome: 'error' });
    recent.record({ provider: 'b', outcome: 'error', errorKind: 'timeout' });
    expect(recent.totals('a')).toEqual({ calls: 4, failures: 2 });
    expect(recent.totals('b')).toEqual({ calls: 1, failures: 1 });
    expect(recent.totals('never')).toEqual({ calls: 0, failures: 0 });
  });

  it('forgets what left the window, failures with it', () => {
    const { recent, clock } = outcomes(1000);
    recent.record({ provider: 'a', outcome: 'error', errorKind: 'network' });
    clock.now = 600;
    recent.record({ provider: 'a', outcome: 'ok' });
    expect(recent.totals('a')).toEqual({ calls: 2, failures: 1 });
    clock.now = 1000;
    expect(recent.totals('a')).toEqual({ calls: 1, failures: 0 });
    clock.now = 1600;
    expect(recent.totals('a')).toEqual({ calls: 0, failures: 0 });
  });

  it('keeps the latest 1,000 per provider, the failures among them counted exactly, across compactions', () => {
    const { recent, clock } = outcomes(1_000_000);
    const failedAt = (n: number) => n % 3 === 0;
    for (let n = 0; n < 5000; n++) {
      clock.now = n;
      recent.record({ provider: 'a', outcome: failedAt(n) ? 'error' : 'ok', errorKind: 'overloaded' });
    }
    let expected = 0;
    for (let n = 4000; n < 5000; n++) if (failedAt(n)) expected++;
    expect(recent.totals('a')).toEqual({ calls: 1000, failures: expected });
    // Then the window alone trims it, again across compactions.
    clock.now = 1_000_000 + 4499;
    let left = 0;
    for (let n = 4500; n < 5000; n++) if (failedAt(n)) left++;
    expect(recent.totals('a')).toEqual({ calls: 500, failures: left });
  });
});
