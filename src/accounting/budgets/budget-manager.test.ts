import { describe, expect, it } from 'vitest';
import { isSwitchyardError, type SwitchyardError } from '../../core/errors/switchyard-error.js';
import { ManualClock } from '../../policies/manual-clock.js';
import { MemoryStore } from '../../store/memory-store.js';
import { Money } from '../money.js';
import { BudgetManager, type BudgetManagerOptions, type BudgetWarningEvent } from './budget-manager.js';
import type { BudgetRuleInput } from './budget-rule.js';

const START = Date.UTC(2025, 2, 31, 22); // 22:00 UTC on the last day of March

function setup(rules: BudgetRuleInput[], options: Partial<BudgetManagerOptions> = {}) {
  const clock = new ManualClock(START);
  const store = new MemoryStore({ clock });
  const lines: Array<{ object: Record<string, unknown>; message?: string }> = [];
  const logger = {
    warn: (object: Record<string, unknown>, message?: string) => lines.push({ object, message }),
  };
  const budgets = new BudgetManager({ store, clock, rules, logger, ...options });
  return { clock, store, budgets, lines };
}

async function refusal(promise: Promise<unknown>): Promise<SwitchyardError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSwitchyardError(error)) throw new Error(`expected a SwitchyardError, got ${String(error)}`);
  return error;
}

describe('BudgetManager reserve and settle', () => {
  it('refuses a call whose worst case would pass the limit, before it runs', async () => {
    const { budgets } = setup([{ scope: 'user', window: 'day', limit: '1.00' }]);
    const held = await budgets.reserve({ user: 'alice' }, '0.70');
    const error = await refusal(budgets.reserve({ user: 'alice' }, '0.31'));
    expect(error.kind).toBe('budget_exceeded');
    expect(error.retryable).toBe(false);
    expect(error.fallbackable).toBe(false);
    expect(error.code).toBe('user:day');
    expect(error.retryAfterMs).toBe(2 * 3_600_000);
    expect(error.message).toBe(
      "user 'alice' day budget of $1 (rule user:day) would be exceeded: $0.7 spent or reserved, " +
        'this call may cost up to $0.31; it resets at 2025-04-01T00:00:00.000Z',
    );
    // Exactly the limit fits; another user has a budget of their own.
    await budgets.reserve({ user: 'alice' }, '0.30');
    await budgets.reserve({ user: 'bob' }, '1');
    expect(held.worstCase.toString()).toBe('0.7');
  });

  it('settles to the real cost, giving the rest of the worst case back', async () => {
    const { budgets } = setup([{ scope: 'global', window: 'total', limit: 1 }]);
    const first = await budgets.reserve({}, '0.9');
    await expect(budgets.reserve({}, '0.2')).rejects.toMatchObject({ kind: 'budget_exceeded' });
    await first.settle('0.000123456789');
    await first.settle('0.5'); // a second settle is ignored
    const [status] = await budgets.status({});
    // Spend is counted in nano-dollars, rounded up: never less than the real cost.
    expect(status!.spent.toString()).toBe('0.000123457');
    const second = await budgets.reserve({}, '0.9');
    await second.release();
    expect((await budgets.status({}))[0]!.spent.toString()).toBe('0.000123457');
  });

  it('reserves nothing when no budget governs the call', async () => {
    const { budgets, store } = setup([{ scope: 'team', match: 'search', limit: 5 }]);
    const reservation = await budgets.reserve({ user: 'alice', team: 'ads' }, 100);
    expect(reservation.id).toBeUndefined();
    expect(store.activeReservations).toBe(0);
    await reservation.settle(100);
    expect(await budgets.status({ team: 'ads' })).toEqual([]);
  });

  it('holds every governing budget at once, and a refusal by one holds none', async () => {
    const { budgets } = setup([
      { scope: 'global', window: 'month', limit: 100 },
      { scope: 'key', window: 'day', limit: 10 },
      { scope: 'team', window: 'month', limit: 50 },
      { scope: 'task', window: 'total', limit: 3 },
    ]);
    const subject = { key: 'sk-live-secret-key-0000', team: 'search', task: 'summarize' };
    await budgets.reserve(subject, 2);
    const error = await refusal(budgets.reserve(subject, 2));
    expect(error.code).toBe('task:total');
    expect(error.retryAfterMs).toBeUndefined();
    const spent = (await budgets.status(subject)).map((status) => [status.rule.id, status.spent.toString()]);
    expect(spent).toEqual([
      ['global:month', '2'],
      ['key:day', '2'],
      ['team:month', '2'],
      ['task:total', '2'],
    ]);
    // A key budget never prints the key itself.
    const keyError = await refusal(budgets.reserve({ key: subject.key }, 11));
    expect(keyError.message).not.toContain('sk-live');
    expect(keyError.message).toContain('key day budget');
  });

  it("moves the chain on when a provider's own budget is spent", async () => {
    const { budgets } = setup([{ scope: 'provider', match: 'openai', window: 'day', limit: '0.5' }]);
    const error = await refusal(budgets.reserve({ provider: 'openai' }, 1));
    expect(error).toMatchObject({ kind: 'budget_exceeded', provider: 'openai', fallbackable: true });
    await budgets.reserve({ provider: 'anthropic' }, 1);
  });

  it('gives a named value its own rule instead of the general one', async () => {
    const { budgets } = setup([
      { scope: 'user', window: 'day', limit: 5 },
      { scope: 'user', match: 'alice', window: 'day', limit: 20 },
    ]);
    await budgets.reserve({ user: 'alice' }, 15);
    await expect(budgets.reserve({ user: 'bob' }, 6)).rejects.toMatchObject({ code: 'user:day' });
    expect((await budgets.status({ user: 'alice' })).map((status) => status.rule.id)).toEqual([
      'user:alice:day',
    ]);
  });
});

describe('BudgetManager windows', () => {
  it('resets day budgets at UTC midnight, month budgets on the first, total never', async () => {
    const { budgets, clock } = setup([
      { scope: 'global', window: 'day', limit: 1 },
      { scope: 'user', window: 'month', limit: 3 },
      { scope: 'team', window: 'total', limit: 5 },
    ]);
    await budgets.recordUsage({}, 1);
    await budgets.recordUsage({ user: 'u' }, 3);
    await budgets.recordUsage({ team: 't' }, 4);
    expect(await budgets.atLimit({})).toBe(true);
    await clock.advance(2 * 3_600_000 - 1);
    expect(await budgets.atLimit({})).toBe(true);
    expect(await budgets.atLimit({ user: 'u' })).toBe(true);
    await clock.advance(1); // 2025-04-01T00:00Z: a new day and a new month
    expect(await budgets.atLimit({})).toBe(false);
    expect(await budgets.atLimit({ user: 'u' })).toBe(false);
    // The global budget governs the team's calls too; its day has just started.
    const [global, team] = await budgets.status({ team: 't' });
    expect(global!.spent.isZero()).toBe(true);
    expect(team).toMatchObject({ resetsAt: undefined, warning: true, exceeded: false });
    expect(team!.remaining.toString()).toBe('1');
  });

  it('does not charge the new window for a call reserved before the reset', async () => {
    const { budgets, clock } = setup([{ scope: 'global', window: 'day', limit: 1 }]);
    const reservation = await budgets.reserve({}, '0.8');
    await clock.advance(2 * 3_600_000);
    await reservation.settle('0.8');
    expect((await budgets.status({}))[0]!.spent.isZero()).toBe(true);
  });
});

describe('BudgetManager warnings and queries', () => {
  it('warns once per window with an event and a log line', async () => {
    const { budgets, lines } = setup([{ scope: 'user', window: 'day', limit: 10, warnAt: 0.5 }]);
    const events: BudgetWarningEvent[] = [];
    budgets.onWarning((event) => events.push(event));
    await budgets.recordUsage({ user: 'alice' }, 4);
    expect(await budgets.atWarningThreshold({ user: 'alice' })).toBe(false);
    const reservation = await budgets.reserve({ user: 'alice' }, 5);
    await reservation.settle('1.5');
    await budgets.recordUsage({ user: 'alice' }, 1);
    expect(await budgets.atWarningThreshold({ user: 'alice' })).toBe(true);
    const expected = { ruleId: 'user:day', scope: 'user', value: 'alice', window: 'day', warnAt: 0.5 };
    expect(events).toEqual([{ ...expected, spent: '5.5', limit: '10' }]);
    expect(lines).toEqual([
      {
        object: { event: 'budget-warning', ...expected, spent: '5.5', limit: '10' },
        message: 'switchyard budget-warning',
      },
    ]);
  });

  it('answers atLimit for the spend so far and for a next call', async () => {
    const { budgets } = setup([{ scope: 'global', window: 'total', limit: '2' }]);
    await budgets.recordUsage({}, '1.25');
    expect(await budgets.atLimit({})).toBe(false);
    expect(await budgets.atLimit({}, '0.75')).toBe(false);
    expect(await budgets.atLimit({}, '0.750000001')).toBe(true);
    await budgets.recordUsage({}, Money.parse('0.75'));
    expect(await budgets.atLimit({})).toBe(true);
    await budgets.resetCost({});
    expect(await budgets.atLimit({})).toBe(false);
  });

  it('rejects a negative cost or limit and a warning fraction out of range', () => {
    const { budgets } = setup([]);
    expect(() => budgets.createBudget({ scope: 'global', limit: '-1' })).toThrow(RangeError);
    expect(() => budgets.createBudget({ scope: 'global', limit: 1, warnAt: 1.5 })).toThrow(RangeError);
    return expect(budgets.recordUsage({}, '-0.1')).rejects.toThrow(RangeError);
  });
});
