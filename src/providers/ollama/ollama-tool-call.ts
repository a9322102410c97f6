import { randomUUID } from 'node:crypto';
import type { ToolCall } from '../../core/types/chat-result.js';
import type { OllamaToolCall } from './ollama-api.js';

function randomSuffix(): string {
  return randomUUID().replace(/-/g, '').slice(0, 24);
}

/** Older servers send no call id; one is made up so tool results can be matched canonically. */
export function generateOllamaToolCallId(): string {
  return `call_${randomSuffix()}`;
}

/** Ollama replies carry no id; one is made so results and logs can be told apart. */
export function generateOllamaResponseId(): string {
  return `ollama-${randomSuffix()}`;
}

/** Ollama tool calls arrive whole with object arguments; canonical calls carry the JSON text too. */
export function convertOllamaToolCall(call: OllamaToolCall): ToolCall {
  const input = call.function.arguments ?? {};
  return {
    id: call.id || generateOllamaToolCallId(),
    name: call.function.name,
    arguments: JSON.stringify(input),
    input,
  };
}
