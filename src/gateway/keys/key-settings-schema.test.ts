import { describe, expect, it } from 'vitest';
import { withKeyMetadata } from './key-metadata.js';
import { keySettingsSchema, settingsFromInput } from './key-settings-schema.js';
import { virtualKeyJson } from './virtual-key-json.js';

const now = Date.UTC(2025, 5, 1);
const settings = (input: unknown) => settingsFromInput(keySettingsSchema.parse(input), now);

describe('key settings from the admin API or the CLI', () => {
  it('reads a list of budgets, one per window, beside max_budget_usd', () => {
    expect(
      settings({
        max_budget_usd: 20,
        budgets: [
          { window: 'day', limit: '1.50', warn_at: 0.5 },
          { window: 'total', limit: 100 },
        ],
      }),
    ).toEqual({
      maxBudgetUsd: '20',
      budgetWindow: 'month',
      budgets: [
        { window: 'day', limitUsd: '1.5', warnAt: 0.5 },
        { window: 'total', limitUsd: '100' },
      ],
    });
    expect(() => settings({ max_budget_usd: 20, budgets: [{ window: 'month', limit: 1 }] })).toThrow(
      expect.objectContaining({ param: 'budgets[0]', httpStatus: 400 }),
    );
    expect(() => settings({ budgets: [{ window: 'day', limit: 'lots' }] })).toThrow(
      expect.objectContaining({ param: 'budgets[0].limit' }),
    );
    expect(keySettingsSchema.safeParse({ budgets: [{ window: 'day', max: 1 }] }).success).toBe(false);
  });

  it('reads every field into the stored settings', () => {
    expect(
      settings({
        name: 'ci',
        models: ['openai/*'],
        max_budget_usd: '12.50',
        budget_window: 'day',
        rpm: 60,
        tpm: 1000,
        max_concurrent: 2,
        expires_in: '30d',
        user: 'u',
        team: 't',
        tags: ['a'],
      }),
    ).toEqual({
      name: 'ci',
      models: ['openai/*'],
      maxBudgetUsd: '12.5',
      budgetWindow: 'day',
      rpm: 60,
      tpm: 1000,
      maxConcurrent: 2,
      expiresAt: now + 30 * 86_400_000,
      user: 'u',
      team: 't',
      tags: ['a'],
    });
    expect(settings({ max_budget_usd: 10 })).toEqual({ maxBudgetUsd: '10', budgetWindow: 'month' });
    expect(settings({ expires_at: '2026-01-01' })).toEqual({ expiresAt: Date.UTC(2026, 0, 1) });
    expect(settings({})).toEqual({});
  });

  it('refuses unknown fields, bad amounts and expiries, with the field named', () => {
    expect(keySettingsSchema.safeParse({ max_budget: 10 }).success).toBe(false);
    expect(keySettingsSchema.safeParse({ rpm: 0 }).success).toBe(false);
    expect(() => settings({ max_budget_usd: 'ten' })).toThrow(
      expect.objectContaining({ param: 'max_budget_usd', httpStatus: 400 }),
    );
    expect(() => settings({ budget_window: 'day' })).toThrow(/needs max_budget_usd/);
    expect(() => settings({ expires_in: 'soon' })).toThrow(expect.objectContaining({ param: 'expires_in' }));
    expect(() => settings({ expires_at: '2020-01-01' })).toThrow(/already past/);
    expect(() => settings({ expires_in: '1d', expires_at: '2030-01-01' })).toThrow(/not both/);
  });
});

describe('a key on the wire and in request metadata', () => {
  const key = {
    id: 'key_abc',
    prefix: 'sk-sy-AbCdEfGh',
    createdAt: now,
    expiresAt: now + 1000,
    user: 'alice',
    team: 'search',
    tags: ['prod'],
  };

  it('shows status and ISO dates, never a secret field', () => {
    const json = virtualKeyJson(key, now);
    expect(json).toMatchObject({
      id: 'key_abc',
      status: 'active',
      created_at: '2025-06-01T00:00:00.000Z',
      expires_at: '2025-06-01T00:00:01.000Z',
      revoked_at: null,
      models: [],
    });
    expect(Object.keys(json)).not.toContain('hash');
    expect(virtualKeyJson(key, now + 1000).status).toBe('expired');
    expect(virtualKeyJson({ ...key, revokedAt: now }, now).status).toBe('revoked');
  });

  it('puts the key id, user and team over what the client sent, and joins tags', () => {
    expect(withKeyMetadata(key, { user: 'mallory', team: 'other', tags: ['x'], task: 'chat' })).toEqual({
      key: 'key_abc',
      user: 'alice',
      team: 'search',
      tags: ['prod', 'x'],
      task: 'chat',
    });
    expect(withKeyMetadata({ id: 'key_1', prefix: 'p', createdAt: 0 }, { user: 'u' })).toEqual({
      key: 'key_1',
      user: 'u',
    });
    expect(withKeyMetadata(undefined, undefined)).toBeUndefined();
  });
});
