import { describe, expect, it } from 'vitest';
import { builtInCatalogEntries } from './built-in-catalog.js';
import { entryKey } from './catalog-entry.js';

describe('built-in catalog data', () => {
  const entries = builtInCatalogEntries();

  it('holds at least 80 models across at least 15 providers, chat and embedding', () => {
    expect(entries.length).toBeGreaterThanOrEqual(80);
    expect(new Set(entries.map((entry) => entry.provider)).size).toBeGreaterThanOrEqual(15);
    expect(entries.some((entry) => entry.mode === 'embedding')).toBe(true);
    expect(new Set(entries.map(entryKey)).size).toBe(entries.length);
  });

  it('gives every model a window, prices, capabilities, modalities and a dated source', () => {
    for (const entry of entries) {
      expect(entry.contextWindow, entryKey(entry)).toBeGreaterThan(0);
      expect(entry.prices.input.isNegative(), entryKey(entry)).toBe(false);
      expect(entry.capabilities.length, entryKey(entry)).toBeGreaterThan(0);
      expect(entry.modalities.input.length, entryKey(entry)).toBeGreaterThan(0);
      expect(entry.source.url, entryKey(entry)).toMatch(/^https:\/\//);
      expect(entry.source.checked, entryKey(entry)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('derives the context capabilities from the window', () => {
    const get = (key: string) => entries.find((entry) => entryKey(entry) === key)!;
    expect(get('openai/gpt-4o').capabilities).toContain('longContext');
    expect(get('openai/gpt-4o').capabilities).not.toContain('extendedContext');
    expect(get('gemini/gemini-2.5-pro').capabilities).toContain('extendedContext');
    // Claude Sonnet reaches 1M only on request, and still counts as extended.
    expect(get('anthropic/claude-sonnet-4-5').capabilities).toContain('extendedContext');
    expect(get('openai/text-embedding-3-small').capabilities).toEqual(['embeddings']);
  });

  it('carries the prices the reference gives, exactly', () => {
    const get = (key: string) => entries.find((entry) => entryKey(entry) === key)!;
    const opus = get('anthropic/claude-opus-4-5').prices;
    expect(
      [opus.input, opus.output, opus.cachedInput, opus.cacheWrite, opus.cacheWrite1h].map(String),
    ).toEqual(['5', '25', '0.5', '6.25', '10']);
    const pro = get('gemini/gemini-2.5-pro').prices;
    expect(pro.tiers.map((tier) => [tier.aboveInputTokens, String(tier.input), String(tier.output)])).toEqual(
      [[200_000, '2.5', '15']],
    );
    const deepseek = get('deepseek/deepseek-chat').prices;
    expect([deepseek.input, deepseek.cachedInput, deepseek.output].map(String)).toEqual([
      '0.28',
      '0.028',
      '0.42',
    ]);
    // Groq's prices are unconfirmed in the reference, and say so.
    expect(get('groq/llama-3.1-8b-instant').unconfirmed).toEqual(['prices']);
  });
});
