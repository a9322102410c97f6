import type { ChatRequest } from '../../src/core/types/chat-request.js';
import type { ChatResult } from '../../src/core/types/chat-result.js';

/**
 * A provider `chat` that answers at once, in the process, with the shape `HttpProvider.chat`
 * builds (one literal): put in place of an adapter's `chat` to measure the pipeline's own work
 * without a socket (bench/overhead's last section, bench/overhead-instructions).
 */
export function instantChat(): (request: ChatRequest) => Promise<ChatResult> {
  let id = 0;
  return async (request) => ({
    id: `stub-${id++}`,
    text: 'Hello there.',
    reasoning: '',
    toolCalls: [],
    finishReason: 'stop',
    rawFinishReason: 'stop',
    usage: {
      inputTokens: 12,
      outputTokens: 4,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      reasoningTokens: 0,
      totalTokens: 16,
    },
    provider: 'openai',
    model: request.model,
    latencyMs: 0,
    warnings: [],
  });
}
