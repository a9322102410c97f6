import type { ChatResult } from '../../core/types/chat-result.js';
import { convertToOpenAIUsage, type OpenAIUsage } from './convert-to-openai-usage.js';
import { mapFinishReasonToOpenAI, type OpenAIFinishReason } from './map-finish-reason-to-openai.js';

export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface OpenAIChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: 0;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: null;
      tool_calls?: OpenAIToolCall[];
      /** Non-standard, as DeepSeek and vLLM send it: the only place OpenAI clients look for reasoning. */
      reasoning_content?: string;
    };
    finish_reason: OpenAIFinishReason;
    logprobs: null;
  }>;
  usage: OpenAIUsage;
}

/**
 * Canonical result -> `chat.completion` body. `model` is what the caller asked for, so clients that
 * compare it with their request (and caches keyed on it) see their own id back.
 */
export function convertToOpenAIChatResponse(
  result: ChatResult,
  options: { model: string; created: number },
): OpenAIChatCompletion {
  const message: OpenAIChatCompletion['choices'][0]['message'] = {
    role: 'assistant',
    content: result.text === '' && result.toolCalls.length > 0 ? null : result.text,
    refusal: null,
  };
  if (result.toolCalls.length > 0) {
    message.tool_calls = result.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  if (result.reasoning) message.reasoning_content = result.reasoning;
  return {
    id: openAIId(result.id),
    object: 'chat.completion',
    created: options.created,
    model: options.model,
    choices: [
      { index: 0, message, finish_reason: mapFinishReasonToOpenAI(result.finishReason), logprobs: null },
    ],
    usage: convertToOpenAIUsage(result.usage),
  };
}

/** Keeps an upstream `chatcmpl-` id; anything else gets the prefix so the id looks like OpenAI's. */
export function openAIId(id: string): string {
  if (id.startsWith('chatcmpl-')) return id;
  return `chatcmpl-${id || Math.random().toString(36).slice(2)}`;
}
