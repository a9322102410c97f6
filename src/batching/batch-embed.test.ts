import { describe, expect, it } from 'vitest';
import { Money } from '../accounting/money.js';
import { SwitchyardError } from '../core/errors/switchyard-error.js';
import type { EmbedRequest } from '../core/types/chat-request.js';
import type { EmbedResult } from '../core/types/chat-result.js';
import { batchEmbed } from './batch-embed.js';
import { embeddingBatchLimit } from './embedding-batch-limits.js';

/** A fake provider whose vector for an input is [its number], so order is checkable. */
function fakeProvider(options: { failOnceFor?: Set<string>; permanentFailFor?: string } = {}) {
  const state = { inFlight: 0, maxInFlight: 0, calls: [] as string[][], gate: [] as Array<() => void> };
  const failed = new Set<string>();
  const embed = async (request: EmbedRequest): Promise<EmbedResult> => {
    const inputs = request.input as string[];
    state.calls.push(inputs);
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    // Yield a few turns so batches really overlap.
    for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    state.inFlight--;
    const first = inputs[0]!;
    if (first === options.permanentFailFor) {
      throw new SwitchyardError({ kind: 'invalid_request', provider: 'cohere', message: 'bad input' });
    }
    if (options.failOnceFor?.has(first) && !failed.has(first)) {
      failed.add(first);
      throw new SwitchyardError({ kind: 'server_error', provider: 'cohere', message: 'upstream 500' });
    }
    return {
      provider: 'cohere',
      model: 'embed-v4.0',
      embeddings: inputs.map((input) => [Number(input)]),
      usage: { inputTokens: inputs.length * 3 },
      latencyMs: 1,
      warnings: [],
    };
  };
  return { embed, state };
}

/** Retries a retryable failure up to twice, like the executor's retry (without waiting). */
async function retryTwice<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= 2 || !(error instanceof SwitchyardError) || !error.retryable) throw error;
    }
  }
}

const inputs = Array.from({ length: 500 }, (_, i) => String(i));

describe('batchEmbed', () => {
  it('splits by the provider limit, keeps order and sums usage and cost', async () => {
    const provider = fakeProvider();
    const result = await batchEmbed(
      { model: 'embed-v4.0', input: inputs },
      {
        provider: 'cohere',
        embed: provider.embed,
        price: (r) => Money.parse('0.00000012').times(r.usage.inputTokens),
      },
    );
    expect(provider.state.calls.map((call) => call.length)).toEqual([96, 96, 96, 96, 96, 20]);
    expect(result.embeddings).toEqual(inputs.map((input) => [Number(input)]));
    expect(result.usage.inputTokens).toBe(1500);
    expect(result.batches).toBe(6);
    expect(result.cost?.toString()).toBe('0.00018');
  });

  it('preserves order when some batches fail once and are retried on their own', async () => {
    // The second and fifth batches (starting at inputs 96 and 384) fail on their first try.
    const provider = fakeProvider({ failOnceFor: new Set(['96', '384']) });
    const result = await batchEmbed(
      { model: 'embed-v4.0', input: inputs },
      { provider: 'cohere', embed: provider.embed, retry: retryTwice, concurrency: 3 },
    );
    expect(result.embeddings).toEqual(inputs.map((input) => [Number(input)]));
    // Six batches plus one retry each for the two that failed; no other batch was sent twice.
    expect(provider.state.calls.map((call) => call[0])).toHaveLength(8);
    expect(provider.state.calls.filter((call) => call[0] === '96')).toHaveLength(2);
    expect(provider.state.calls.filter((call) => call[0] === '0')).toHaveLength(1);
    expect(result.usage.inputTokens).toBe(1500);
  });

  it('never has more batches in flight than the bound', async () => {
    for (const concurrency of [1, 2, 5]) {
      const provider = fakeProvider();
      await batchEmbed(
        { model: 'm', input: inputs },
        { provider: 'x', embed: provider.embed, batchSize: 10, concurrency },
      );
      expect(provider.state.calls).toHaveLength(50);
      expect(provider.state.maxInFlight).toBe(concurrency);
    }
  });

  it('fails with the batch error when a batch cannot succeed', async () => {
    const provider = fakeProvider({ permanentFailFor: '192' });
    await expect(
      batchEmbed(
        { model: 'm', input: inputs },
        { provider: 'cohere', embed: provider.embed, retry: retryTwice },
      ),
    ).rejects.toMatchObject({ kind: 'invalid_request' });
  });

  it('rejects an answer with the wrong number of embeddings', async () => {
    const short = async (): Promise<EmbedResult> => ({
      provider: 'p',
      model: 'm',
      embeddings: [[1]],
      usage: { inputTokens: 1 },
      latencyMs: 1,
      warnings: [],
    });
    await expect(
      batchEmbed({ model: 'm', input: ['a', 'b'] }, { provider: 'p', embed: short }),
    ).rejects.toThrow('returned 1 embeddings for 2 inputs');
  });

  it('accepts a single string input', async () => {
    const provider = fakeProvider();
    const result = await batchEmbed(
      { model: 'm', input: '7' },
      { provider: 'openai', embed: provider.embed },
    );
    expect(result.embeddings).toEqual([[7]]);
  });
});

describe('embeddingBatchLimit', () => {
  it('knows the big providers and falls back to the smallest known limit', () => {
    expect(embeddingBatchLimit('openai')).toBe(2048);
    expect(embeddingBatchLimit('gemini')).toBe(100);
    expect(embeddingBatchLimit('cohere')).toBe(96);
    expect(embeddingBatchLimit('some-new-endpoint')).toBe(96);
    expect(embeddingBatchLimit('openai', { openai: 16 })).toBe(16);
  });
});
