import { describe, expect, it } from 'vitest';
import { isModelAllowed } from './model-access.js';
import { parseDate, parseExpiry, parseLifetime } from './parse-expiry.js';

describe('isModelAllowed', () => {
  it('allows everything without a list', () => {
    expect(isModelAllowed(undefined, 'openai/gpt-4o')).toBe(true);
    expect(isModelAllowed([], 'anything')).toBe(true);
  });

  it('matches exact ids, provider globs, name globs, aliases and *', () => {
    const models = ['anthropic/claude-sonnet-4-5', 'openai/*', 'gemini/gemini-2.5-*', 'fast'];
    expect(isModelAllowed(models, 'anthropic/claude-sonnet-4-5')).toBe(true);
    expect(isModelAllowed(models, 'anthropic/claude-opus-4-1')).toBe(false);
    expect(isModelAllowed(models, 'openai/gpt-4o-mini')).toBe(true);
    expect(isModelAllowed(models, 'openrouter/openai/gpt-4o')).toBe(false);
    expect(isModelAllowed(models, 'gemini/gemini-2.5-flash')).toBe(true);
    expect(isModelAllowed(models, 'gemini/gemini-2.0-flash')).toBe(false);
    expect(isModelAllowed(models, 'fast')).toBe(true);
    expect(isModelAllowed(models, 'fastest')).toBe(false);
    expect(isModelAllowed(['*'], 'mock/echo')).toBe(true);
  });

  it('treats regex characters in a pattern literally', () => {
    expect(isModelAllowed(['gemini/gemini-2.5-*'], 'gemini/gemini-2x5-flash')).toBe(false);
  });
});

describe('parseExpiry', () => {
  const now = Date.UTC(2025, 0, 1);
  it('reads lifetimes from now', () => {
    expect(parseLifetime('30d', now)).toBe(now + 30 * 86_400_000);
    expect(parseLifetime('12h', now)).toBe(now + 12 * 3_600_000);
    expect(parseLifetime('2w', now)).toBe(now + 14 * 86_400_000);
    expect(parseLifetime('90m', now)).toBe(now + 90 * 60_000);
    expect(parseLifetime('0d', now)).toBeUndefined();
    expect(parseLifetime('30 days', now)).toBeUndefined();
  });

  it('reads ISO dates, and either form for --expires', () => {
    expect(parseDate('2026-01-31')).toBe(Date.UTC(2026, 0, 31));
    expect(parseDate('2026-01-31T12:00:00Z')).toBe(Date.UTC(2026, 0, 31, 12));
    expect(parseDate('2026-13-45')).toBeUndefined();
    expect(parseDate('tomorrow')).toBeUndefined();
    expect(parseExpiry('1d', now)).toBe(now + 86_400_000);
    expect(parseExpiry('2026-01-31', now)).toBe(Date.UTC(2026, 0, 31));
  });
});
