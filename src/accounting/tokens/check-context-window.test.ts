import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../catalog/create-catalog.js';
import { isSwitchyardError, type SwitchyardError } from '../../core/errors/switchyard-error.js';
import type { ChatRequest } from '../../core/types/chat-request.js';
import type { ChatResult } from '../../core/types/chat-result.js';
import { executeChat } from '../../policies/executor/execute-chat.js';
import { chainPlan, deployment, executorHarness } from '../../policies/executor/test-harness.js';
import { MockProvider } from '../../providers/mock/mock-provider.js';
import { checkContextWindow } from './check-context-window.js';

const catalog = createCatalog();
const words = (n: number) => 'lorem '.repeat(n);
const ask = (n: number, extra: Partial<ChatRequest> = {}) => ({
  messages: [{ role: 'user' as const, content: words(n) }],
  ...extra,
});

function thrown(run: () => unknown): SwitchyardError {
  try {
    run();
  } catch (error) {
    if (isSwitchyardError(error)) return error;
    throw error;
  }
  throw new Error('did not throw');
}

describe('checkContextWindow', () => {
  it('lets a request that fits through and says what it counted', () => {
    const result = checkContextWindow(ask(100), { provider: 'openai', model: 'gpt-4o', contextWindow: 1000 });
    expect(result).toMatchObject({ exact: true, contextWindow: 1000 });
    expect(result.inputTokens).toBeGreaterThan(100);
  });

  it('refuses one that cannot fit: context_length_exceeded, not retryable, may fall back', () => {
    const error = thrown(() =>
      checkContextWindow(ask(2000), { provider: 'openai', model: 'gpt-4o', contextWindow: 1000 }),
    );
    expect(error).toMatchObject({
      kind: 'context_length_exceeded',
      provider: 'openai',
      model: 'gpt-4o',
      retryable: false,
      fallbackable: true,
      code: 'preflight_context_window',
    });
    expect(error.message).toMatch(
      /^request needs \d+ input tokens, more than the 1000-token context window of openai\/gpt-4o; not sent$/,
    );
  });

  it("says 'about' for another provider's estimate", () => {
    const error = thrown(() =>
      checkContextWindow(ask(2000), { provider: 'anthropic', model: 'x', contextWindow: 1000 }),
    );
    expect(error.message).toMatch(/^request needs about \d+ input tokens/);
  });

  it('takes the window from the catalog when the candidate has none, and passes when nobody knows it', () => {
    expect(
      checkContextWindow(ask(10), { provider: 'deepseek', model: 'deepseek-chat' }, { catalog })
        .contextWindow,
    ).toBe(128_000);
    expect(
      checkContextWindow(ask(10), { provider: 'x', model: 'y' }, { catalog }).contextWindow,
    ).toBeUndefined();
  });

  it("counts Claude's 1M window only when the request turns the beta on", () => {
    const candidate = { provider: 'anthropic', model: 'claude-sonnet-4-5' };
    expect(checkContextWindow(ask(1), candidate, { catalog }).contextWindow).toBe(200_000);
    const beta = ask(1, { headers: { 'Anthropic-Beta': 'context-1m-2025-08-07' } });
    expect(checkContextWindow(beta, candidate, { catalog }).contextWindow).toBe(1_000_000);
  });

  it('reserves the requested output inside the window when asked', () => {
    const candidate = { provider: 'openai', model: 'gpt-4o', contextWindow: 1000 };
    const request = ask(100, { maxOutputTokens: 950 });
    expect(checkContextWindow(request, candidate).contextWindow).toBe(1000);
    expect(thrown(() => checkContextWindow(request, candidate, { reserveOutput: true })).message).toContain(
      'plus 950 output tokens',
    );
  });
});

/** A provider that runs the pre-flight check before answering, as the pipeline does per candidate. */
class WindowedProvider extends MockProvider {
  constructor(
    id: string,
    private readonly contextWindow: number,
  ) {
    super({ id, defaultReply: { text: `from ${id}` } });
  }
  override chat(request: ChatRequest): Promise<ChatResult> {
    checkContextWindow(request, {
      provider: this.id,
      model: request.model,
      contextWindow: this.contextWindow,
    });
    return super.chat(request);
  }
}

describe('pre-flight in a fallback chain', () => {
  it('moves to the larger-window candidate without sending to the small one', async () => {
    const small = new WindowedProvider('small', 500);
    const large = new WindowedProvider('large', 100_000);
    const { deps } = executorHarness([small, large]);
    const plan = chainPlan([deployment('small'), deployment('large')]);
    const result = await executeChat(plan, { model: 'route', ...ask(2000) }, deps);
    expect(result.text).toBe('from large');
    expect(small.requests).toHaveLength(0);
    expect(result.attempts?.map((a) => [a.deploymentId, a.outcome, a.errorKind, a.retries])).toEqual([
      ['small/m', 'error', 'context_length_exceeded', 0],
      ['large/m', 'ok', undefined, 0],
    ]);
  });
});
