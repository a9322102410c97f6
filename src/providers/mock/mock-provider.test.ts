import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { MockProvider } from './mock-provider.js';

const ask = { model: 'echo', messages: [{ role: 'user' as const, content: 'ping' }] };

describe('MockProvider', () => {
  it('echoes the last user message by default', async () => {
    const result = await new MockProvider().chat(ask);
    expect(result).toMatchObject({
      provider: 'mock',
      model: 'echo',
      text: 'You said: ping',
      finishReason: 'stop',
    });
    expect(result.usage.totalTokens).toBe(result.usage.inputTokens + result.usage.outputTokens);
  });

  it('replays scripted text, tool calls and usage in order', async () => {
    const mock = new MockProvider({
      replies: [
        { text: 'first', usage: { inputTokens: 10, outputTokens: 2 } },
        { toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }] },
      ],
    });
    expect((await mock.chat(ask)).usage).toMatchObject({ inputTokens: 10, outputTokens: 2, totalTokens: 12 });
    const second = await mock.chat(ask);
    expect(second.finishReason).toBe('tool_calls');
    expect(second.toolCalls[0]).toMatchObject({ name: 'lookup', input: { q: 'x' } });
    expect(mock.requests).toHaveLength(2);
  });

  it('fails with classified errors and mid-stream drops', async () => {
    const mock = new MockProvider({
      replies: [
        { error: { status: 429, headers: { 'retry-after': '2' } } },
        { text: 'a b c d', dropAfterChunks: 2 },
      ],
    });
    await expect(mock.chat(ask)).rejects.toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 2000,
      retryable: true,
    });
    const events: StreamEvent[] = [];
    for await (const event of mock.stream(ask)) events.push(event);
    expect(events.filter((e) => e.type === 'text-delta')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'error', error: { kind: 'network' } });
  });

  it('stops waiting at once when aborted', async () => {
    const controller = new AbortController();
    const pending = new MockProvider({ replies: [{ text: 'late', delayMs: 60_000 }] }).chat({
      ...ask,
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ kind: 'aborted' });
  });

  it('embeds deterministically, one vector per input in order', async () => {
    const mock = new MockProvider();
    const a = await mock.embed({ model: 'e', input: ['x', 'y'] });
    const b = await mock.embed({ model: 'e', input: 'y' });
    expect(a.embeddings).toHaveLength(2);
    expect(a.embeddings[1]).toEqual(b.embeddings[0]);
  });
});
