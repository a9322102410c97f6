import type { ChatResult, FinishReason, Usage } from '../../core/types/chat-result.js';

export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'refusal'
  | 'pause_turn';

export interface AnthropicUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
}

export type AnthropicResponseBlock =
  | { type: 'text'; text: string; citations: null }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

/** Raw Anthropic reasons pass through (an Anthropic upstream's `stop_sequence`, `pause_turn`). */
export function mapFinishReasonToAnthropic(reason: FinishReason, raw: string): AnthropicStopReason {
  if (raw === 'stop_sequence' || raw === 'pause_turn') return raw;
  switch (reason) {
    case 'length':
      return 'max_tokens';
    case 'tool_calls':
      return 'tool_use';
    case 'content_filter':
      return 'refusal';
    default:
      return 'end_turn';
  }
}

/** Anthropic's `input_tokens` excludes cache reads and writes, which canonical input includes. */
export function convertToAnthropicUsage(usage: Usage): AnthropicUsage {
  return {
    input_tokens: Math.max(0, usage.inputTokens - usage.cachedInputTokens - usage.cacheWriteTokens),
    cache_creation_input_tokens: usage.cacheWriteTokens,
    cache_read_input_tokens: usage.cachedInputTokens,
    output_tokens: usage.outputTokens,
  };
}

export function anthropicMessageId(id: string): string {
  if (id.startsWith('msg_')) return id;
  return `msg_${id || Math.random().toString(36).slice(2)}`;
}

/** Reasoning from providers without signatures still shows as thinking, with an empty signature. */
function thinkingBlocks(result: ChatResult): AnthropicResponseBlock[] {
  if (result.reasoningParts?.length) {
    return result.reasoningParts.map((part) =>
      part.redactedData !== undefined
        ? { type: 'redacted_thinking', data: part.redactedData }
        : { type: 'thinking', thinking: part.text, signature: part.signature ?? '' },
    );
  }
  return result.reasoning ? [{ type: 'thinking', thinking: result.reasoning, signature: '' }] : [];
}

/** Canonical result -> Anthropic `message` body; `model` is the id the caller asked for. */
export function convertToAnthropicMessage(result: ChatResult, options: { model: string }) {
  const content: AnthropicResponseBlock[] = thinkingBlocks(result);
  if (result.text) content.push({ type: 'text', text: result.text, citations: null });
  for (const call of result.toolCalls) {
    content.push({ type: 'tool_use', id: call.id, name: call.name, input: call.input ?? {} });
  }
  return {
    id: anthropicMessageId(result.id),
    type: 'message' as const,
    role: 'assistant' as const,
    model: options.model,
    content,
    stop_reason: mapFinishReasonToAnthropic(result.finishReason, result.rawFinishReason),
    stop_sequence: null,
    usage: convertToAnthropicUsage(result.usage),
  };
}
