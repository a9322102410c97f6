import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../catalog/create-catalog.js';
import { makeUsage } from '../../core/types/chat-result.js';
import { computeCallCost } from '../cost/compute-cost.js';
import { estimateUsage, usageOrEstimate } from './estimate-usage.js';
import { tokenCounterFor } from './token-counter.js';

const request = { messages: [{ role: 'user' as const, content: 'Write a haiku about the sea.' }] };

describe('estimateUsage', () => {
  it('counts a stream that ended without usage with the tokenizer, marked estimated', () => {
    const counter = tokenCounterFor('openai', 'gpt-4o-mini');
    const text = 'Waves fold into foam\nsalt wind carries gull voices\nthe tide keeps its time';
    const usage = estimateUsage({ provider: 'openai', model: 'gpt-4o-mini', request, output: { text } });
    expect(usage).toEqual({
      inputTokens: 3 + counter.count('user') + counter.count(request.messages[0]!.content) + 3,
      outputTokens: counter.count(text),
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      totalTokens: usage.inputTokens + usage.outputTokens,
      estimated: true,
    });
    const cost = computeCallCost(usage, createCatalog().get('openai/gpt-4o-mini')!);
    expect(cost.estimated).toBe(true);
  });

  it("keeps an aborted stream's reported input and counts the output it streamed", () => {
    // Anthropic's message_start said 412 input tokens (300 from cache) and output 1; then abort.
    const reported = makeUsage({ inputTokens: 412, cachedInputTokens: 300, outputTokens: 1 });
    const usage = estimateUsage({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      request,
      reported,
      output: { text: 'Waves fold into foam', reasoning: 'The user wants a haiku.' },
    });
    const counter = tokenCounterFor('anthropic', 'claude-haiku-4-5');
    expect(usage).toMatchObject({
      inputTokens: 412,
      cachedInputTokens: 300,
      reasoningTokens: counter.count('The user wants a haiku.'),
      outputTokens: counter.count('Waves fold into foam') + counter.count('The user wants a haiku.'),
      estimated: true,
    });
  });

  it('counts tool calls streamed so far as output', () => {
    const usage = estimateUsage({
      provider: 'openai',
      model: 'gpt-4o',
      request,
      output: { text: '', toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
    });
    const counter = tokenCounterFor('openai', 'gpt-4o');
    expect(usage.outputTokens).toBe(counter.count('get_weather') + counter.count('{"city":"Paris"}'));
  });
});

describe('usageOrEstimate', () => {
  it("uses the provider's usage when the stream completed with one", () => {
    const reported = makeUsage({ inputTokens: 20, outputTokens: 5 });
    const input = { provider: 'openai', model: 'gpt-4o', request, output: { text: 'x' }, reported };
    expect(usageOrEstimate({ ...input, complete: true })).toBe(reported);
    expect(usageOrEstimate({ ...input, complete: false }).estimated).toBe(true);
    expect(usageOrEstimate({ ...input, reported: undefined, complete: true }).estimated).toBe(true);
  });
});
