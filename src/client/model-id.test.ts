import { describe, expect, it } from 'vitest';
import { parseModelId } from './model-id.js';

describe('parseModelId', () => {
  it('splits at the first slash so model ids may contain slashes', () => {
    expect(parseModelId('openai/gpt-4o-mini')).toEqual({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(parseModelId('openrouter/anthropic/claude-sonnet-4.5')).toEqual({
      provider: 'openrouter',
      model: 'anthropic/claude-sonnet-4.5',
    });
  });

  it('rejects ids without a provider or model with a clear error', () => {
    expect(() => parseModelId('gpt-4o')).toThrow(/not of the form provider\/model/);
    expect(() => parseModelId('openai/')).toThrow(/provider\/model/);
  });
});
