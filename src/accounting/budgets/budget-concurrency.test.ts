import { describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../../core/errors/switchyard-error.js';
import { ManualClock } from '../../policies/manual-clock.js';
import { MemoryStore } from '../../store/memory-store.js';
import { Money } from '../money.js';
import { BudgetManager } from './budget-manager.js';
import type { BudgetReservation } from './budget-reservation.js';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A cost in whole micro-dollars from 0 to `max` micro-dollars. */
function micros(next: () => number, max: number): Money {
  return Money.fromPicoUsd(BigInt(Math.floor(next() * (max + 1))) * 1_000_000n);
}

const LIMIT = Money.parse('5');

function setup() {
  const clock = new ManualClock(Date.UTC(2025, 5, 1, 12));
  return new BudgetManager({
    store: new MemoryStore({ clock }),
    clock,
    rules: [{ id: 'global', scope: 'global', window: 'month', limit: LIMIT }],
  });
}

async function spent(budgets: BudgetManager): Promise<Money> {
  return (await budgets.status({}))[0]!.spent;
}

describe('200 concurrent calls against one budget', () => {
  for (const seed of [1, 2, 3]) {
    it(`never spend past the limit and admit every call that fit (seed ${seed})`, async () => {
      const budgets = setup();
      const next = random(seed);
      const worst = Array.from({ length: 200 }, () => micros(next, 100_000));
      const outcomes = await Promise.allSettled(worst.map((cost) => budgets.reserve({}, cost)));

      // Calls reach the store in the order they were made; each was refused only if, with what was
      // admitted before it, its worst case would have passed the limit.
      let held = Money.ZERO;
      for (const [index, outcome] of outcomes.entries()) {
        const fits = !held.plus(worst[index]!).greaterThan(LIMIT);
        expect(outcome.status === 'fulfilled').toBe(fits);
        if (fits) held = held.plus(worst[index]!);
        else expect((outcome as PromiseRejectedResult).reason).toMatchObject({ kind: 'budget_exceeded' });
      }
      expect((await spent(budgets)).equals(held)).toBe(true);

      const admitted = outcomes.flatMap((outcome, index) =>
        outcome.status === 'fulfilled' ? [{ reservation: outcome.value, worst: worst[index]! }] : [],
      );
      const real = admitted.map(({ worst }) =>
        Money.fromPicoUsd((worst.picoUsd * BigInt(Math.floor(next() * 101))) / 100n),
      );
      await Promise.all(admitted.map(({ reservation }, index) => reservation.settle(real[index]!)));
      const total = await spent(budgets);
      expect(total.equals(Money.sum(real))).toBe(true);
      expect(total.greaterThan(LIMIT)).toBe(false);
    });
  }

  it('hold the limit while calls reserve, run and settle interleaved', async () => {
    const budgets = setup();
    const next = random(42);
    const realCosts: Money[] = [];
    let refused = 0;
    let peak = Money.ZERO;
    let admittedWorst = Money.ZERO;

    const turns = async (most: number) => {
      for (let turn = Math.floor(next() * most); turn > 0; turn--)
        await new Promise((resolve) => setImmediate(resolve));
    };

    async function call(): Promise<void> {
      const worst = micros(next, 200_000);
      // Calls start at different times, so some reserve while others settle.
      await turns(20);
      let reservation: BudgetReservation;
      try {
        reservation = await budgets.reserve({}, worst);
      } catch (error) {
        if (!isSwitchyardError(error) || error.kind !== 'budget_exceeded') throw error;
        refused++;
        // The refusal states what was spent or held; the call would indeed have passed the limit.
        const held = Money.parse(/\$([\d.]+) spent or reserved/.exec(error.message)![1]!);
        expect(held.plus(worst).greaterThan(LIMIT)).toBe(true);
        return;
      }
      admittedWorst = admittedWorst.plus(worst);
      await turns(5);
      const now = await spent(budgets);
      if (now.greaterThan(peak)) peak = now;
      const real = Money.fromPicoUsd((worst.picoUsd * BigInt(Math.floor(next() * 101))) / 100n);
      realCosts.push(real);
      await reservation.settle(real);
    }

    await Promise.all(Array.from({ length: 200 }, () => call()));
    // Some were refused, and some admitted only because earlier calls settled below their worst case.
    expect(refused).toBeGreaterThan(0);
    expect(admittedWorst.greaterThan(LIMIT)).toBe(true);
    expect(peak.greaterThan(LIMIT)).toBe(false);
    const total = await spent(budgets);
    expect(total.equals(Money.sum(realCosts))).toBe(true);
    expect(total.greaterThan(LIMIT)).toBe(false);
  });
});
