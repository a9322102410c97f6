import { makeUsage, type Usage } from '../../core/types/chat-result.js';
import { type CountableRequest, countChatTokens } from './count-chat-tokens.js';
import { tokenCounterFor } from './token-counter.js';

/** What a stream produced before it ended (or was aborted). */
export interface StreamedOutput {
  text: string;
  reasoning?: string;
  toolCalls?: Array<{ name: string; arguments: string }>;
}

export interface EstimateUsageInput {
  provider: string;
  model: string;
  request: CountableRequest;
  output: StreamedOutput;
  /**
   * What the provider did report, if anything (an aborted Anthropic stream has its input counts
   * from `message_start` but no final output count). Its counts win where it gave them.
   */
  reported?: Usage;
}

/**
 * Usage for a stream without (complete) provider usage: a stream that ended without a usage
 * chunk, or one the caller aborted. Counted with a real tokenizer; always marked estimated.
 * A reported input count is kept; output is the larger of the reported and the counted, since a
 * provider's running count stops at the last event it sent.
 */
export function estimateUsage(input: EstimateUsageInput): Usage {
  const counter = tokenCounterFor(input.provider, input.model);
  const reported = input.reported;
  const reasoningTokens = counter.count(input.output.reasoning ?? '');
  let outputTokens = counter.count(input.output.text) + reasoningTokens;
  for (const call of input.output.toolCalls ?? [])
    outputTokens += counter.count(call.name) + counter.count(call.arguments);
  const reportedInput = reported !== undefined && reported.inputTokens > 0;
  const usage = makeUsage({
    inputTokens: reportedInput ? reported.inputTokens : countChatTokens(input.request, counter),
    outputTokens: Math.max(outputTokens, reported?.outputTokens ?? 0),
    cachedInputTokens: reportedInput ? reported.cachedInputTokens : 0,
    cacheWriteTokens: reportedInput ? reported.cacheWriteTokens : 0,
    reasoningTokens: Math.max(reasoningTokens, reported?.reasoningTokens ?? 0),
  });
  usage.estimated = true;
  return usage;
}

/** The provider's usage when it gave a complete one; otherwise the estimate. */
export function usageOrEstimate(input: EstimateUsageInput & { complete: boolean }): Usage {
  if (input.complete && input.reported && input.reported.inputTokens + input.reported.outputTokens > 0) {
    return input.reported;
  }
  return estimateUsage(input);
}
