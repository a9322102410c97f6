import { describe, expect, it } from 'vitest';
import { ChatStream } from '../../core/stream/chat-stream.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { Provider } from '../../core/types/provider.js';
import type { StreamEvent } from '../../core/types/stream-events.js';
import { MockProvider } from '../../providers/mock/mock-provider.js';
import { executeChat } from './execute-chat.js';
import { executeStream } from './execute-stream.js';
import { ask, chainPlan, deployment, executorHarness } from './test-harness.js';

const usage = {
  inputTokens: 1,
  outputTokens: 0,
  cachedInputTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
  totalTokens: 1,
};

/** A provider whose streams end at once with a content-filter finish and record when released. */
function refusingStreams(id: string, released: string[]): Provider {
  const provider = Object.create(new MockProvider({ id })) as Provider;
  return Object.assign(provider, {
    id,
    stream(request: ChatRequest): ChatStream {
      async function* events(): AsyncGenerator<StreamEvent> {
        try {
          yield { type: 'start', id: `${id}-1`, provider: id, model: request.model, warnings: [] };
          yield { type: 'finish', finishReason: 'content_filter', rawFinishReason: 'content_filter', usage };
        } finally {
          released.push(id);
        }
      }
      return new ChatStream(events(), { provider: id, model: request.model });
    },
  });
}

describe('the chain without hedging', () => {
  it('tries a deployment listed in two groups once', async () => {
    const a = new MockProvider({ id: 'a', replies: [{ error: { status: 503 } }] });
    const b = new MockProvider({ id: 'b' });
    const { deps } = executorHarness([a, b]);
    const plan = chainPlan([deployment('a'), [deployment('a'), deployment('b')]], {
      retry: { maxRetries: 0 },
    });
    const result = await executeChat(plan, ask, deps);
    expect(result.provider).toBe('b');
    expect(result.attempts!.map((x) => [x.deploymentId, x.outcome])).toEqual([
      ['a/m', 'error'],
      ['b/m', 'ok'],
    ]);
    expect(a.requests).toHaveLength(1);
  });

  it('releases an earlier refused stream when a later candidate refuses too, and answers with the last refusal', async () => {
    const released: string[] = [];
    const { deps } = executorHarness([refusingStreams('a', released), refusingStreams('b', released)]);
    const plan = chainPlan([deployment('a'), deployment('b')], { fallback: { onContentFilter: true } });
    const events: StreamEvent[] = [];
    for await (const event of executeStream(plan, ask, deps)) events.push(event);
    expect(events.at(-1)).toMatchObject({ type: 'finish', finishReason: 'content_filter' });
    expect(events.filter((e) => e.type === 'start')).toEqual([expect.objectContaining({ provider: 'b' })]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(released).toEqual(['a', 'b']);
  });
});
