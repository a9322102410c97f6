import type { ChatRequest } from '../../core/types/chat-request.js';
import { makeUsage, type Usage } from '../../core/types/chat-result.js';
import { contentText } from '../../core/types/messages.js';
import type { MockReply } from '../../testing/mock-reply.js';

/** Scripted usage, or a rough count (4 characters a token) so the mock's numbers look plausible. */
export function estimateMockUsage(request: ChatRequest, reply: MockReply): Usage {
  const promptChars = request.messages.reduce((sum, m) => sum + contentText(m.content).length, 0);
  const outputChars = (reply.text ?? '').length + (reply.reasoning ?? '').length;
  const scripted = reply.usage ?? {};
  return makeUsage({
    inputTokens: scripted.inputTokens ?? Math.max(1, Math.ceil(promptChars / 4)),
    outputTokens: scripted.outputTokens ?? Math.max(1, Math.ceil(outputChars / 4)),
    cachedInputTokens: scripted.cachedInputTokens ?? 0,
    cacheWriteTokens: scripted.cacheWriteTokens ?? 0,
    reasoningTokens: scripted.reasoningTokens ?? 0,
  });
}
