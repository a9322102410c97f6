import { describe, expect, it } from 'vitest';
import { sleep } from './clock.js';
import { ManualClock } from './manual-clock.js';

describe('ManualClock', () => {
  it('fires timers in time order as time advances, and not before', async () => {
    const clock = new ManualClock(1000);
    const fired: string[] = [];
    clock.setTimer(300, () => fired.push(`b@${clock.now()}`));
    clock.setTimer(100, () => fired.push(`a@${clock.now()}`));
    const cancel = clock.setTimer(200, () => fired.push('cancelled'));
    cancel();
    expect(clock.pendingDelays()).toEqual([100, 300]);
    await clock.advance(99);
    expect(fired).toEqual([]);
    await clock.advance(250);
    expect(fired).toEqual(['a@1100', 'b@1300']);
    expect(clock.now()).toBe(1349);
    expect(clock.pendingTimers).toBe(0);
  });

  it('lets work started by one timer schedule and fire the next within one advance', async () => {
    const clock = new ManualClock();
    const steps: number[] = [];
    const chain = (async () => {
      for (let i = 0; i < 3; i++) {
        await sleep(clock, 1000);
        steps.push(clock.now());
      }
    })();
    await clock.advance(3000);
    await chain;
    expect(steps).toEqual([1000, 2000, 3000]);
  });

  it('run() moves time to each next timer until the work settles', async () => {
    const clock = new ManualClock();
    const work = (async () => {
      await sleep(clock, 500);
      await sleep(clock, 60_000);
      return clock.now();
    })();
    expect(await clock.run(work)).toBe(60_500);
    await expect(clock.run(sleep(clock, 10).then(() => Promise.reject(new Error('boom'))))).rejects.toThrow(
      'boom',
    );
  });

  it('waitForTimers() resolves once the code under test is waiting', async () => {
    const clock = new ManualClock();
    setImmediate(() => clock.setTimer(5, () => {}));
    await clock.waitForTimers(1);
    expect(clock.pendingTimers).toBe(1);
    await expect(clock.waitForTimers(2, 10)).rejects.toThrow('expected 2 pending timer(s), have 1');
  });
});
